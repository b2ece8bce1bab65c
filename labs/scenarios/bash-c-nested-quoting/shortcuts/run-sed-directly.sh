#!/usr/bin/env bash
# Shortcut checks/goes-through-bash.sh must refuse: drop the second bash and run sed in the
# script itself. It works here, but on a node the commands must reach the remote root shell.
set -euo pipefail
: "${LAB_WORKDIR:?}"

cat >"$LAB_WORKDIR/manifests/raise-connections.sh" <<'SCRIPT'
#!/usr/bin/env bash
# Raises max_connections in the app's config on a node.
set -euo pipefail
cd "$(dirname "$0")"

sed -i.orig 's/max_connections = 100/max_connections = 500/' node/app.conf
echo "max_connections raised to 500"
SCRIPT
