#!/usr/bin/env bash
# Passes when every sed in the script reaches bash through a heredoc on stdin, the pattern that
# also survives ssh: the commands are data, so no quote has to be escaped for another shell.
set -euo pipefail
script="$LAB_WORKDIR/manifests/raise-connections.sh"

if ! awk -f "$LAB_DIR/checks/sed-in-heredoc.awk" "$script" 2>/dev/null; then
  echo SED_NOT_IN_HEREDOC
  exit 1
fi
