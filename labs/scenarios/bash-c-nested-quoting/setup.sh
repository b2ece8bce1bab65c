#!/usr/bin/env bash
# Puts the broken script in the reader's folder: raise-connections.sh nests single quotes inside
# `bash -c '...'`, so sed receives a cut-off expression. Idempotent: each run restores the files
# (the script and node/app.conf with max_connections = 100) from manifests/.
set -euo pipefail
: "${LAB_DIR:?}" "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests"
cp -R "$LAB_DIR/manifests" "$LAB_WORKDIR/manifests"
chmod +x "$LAB_WORKDIR/manifests/raise-connections.sh"
echo "ready: manifests/raise-connections.sh fails before it changes node/app.conf"
