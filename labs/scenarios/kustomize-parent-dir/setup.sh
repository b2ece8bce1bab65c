#!/usr/bin/env bash
# Puts the broken repository in the reader's folder: the prod overlay lists two files of the base
# by path, outside its own folder. Idempotent: each run restores the files from manifests/.
set -euo pipefail
: "${LAB_DIR:?}" "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests"
cp -R "$LAB_DIR/manifests" "$LAB_WORKDIR/manifests"
echo "ready: manifests/k8s/overlays/prod no longer builds"
