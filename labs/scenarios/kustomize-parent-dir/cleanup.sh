#!/usr/bin/env bash
# Removes the reader's copy of the repository that setup made.
set -euo pipefail
: "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: manifests removed from the lab folder"
