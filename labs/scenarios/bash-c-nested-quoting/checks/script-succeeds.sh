#!/usr/bin/env bash
# Passes when raise-connections.sh, run on a fresh copy of the node's config, exits 0 and leaves
# max_connections = 500 in it. The reader's own node/app.conf is not touched.
set -euo pipefail
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -R "$LAB_WORKDIR/manifests/." "$scratch/" && mkdir -p "$scratch/node"
cp "$LAB_DIR/manifests/node/app.conf" "$scratch/node/app.conf"

if ! bash "$scratch/raise-connections.sh" </dev/null >/dev/null 2>&1; then
  echo SCRIPT_FAILS; exit 1
fi
grep -qx 'max_connections = 500' "$scratch/node/app.conf" || { echo CONFIG_NOT_CHANGED; exit 1; }
