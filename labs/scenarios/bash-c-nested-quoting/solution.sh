#!/usr/bin/env bash
# Replaces `bash -c '...'` with `bash -s` reading a quoted heredoc. The heredoc body is passed to
# bash as data, so the single quotes around the sed expression arrive untouched; over SSH the
# same shape reads `ssh <user>@<node> sudo bash -s <<'EOF'`.
set -euo pipefail
script="$LAB_WORKDIR/manifests/raise-connections.sh"

cat >"$script" <<'SCRIPT'
#!/usr/bin/env bash
# Raises max_connections in the app's config on a node.
set -euo pipefail
cd "$(dirname "$0")"

bash -s <<'EOF'
sed -i.orig 's/max_connections = 100/max_connections = 500/' node/app.conf
EOF
echo "max_connections raised to 500"
SCRIPT
echo "fixed: raise-connections.sh now feeds bash through a heredoc"
