#!/usr/bin/env bash
# Removes what setup made: the reader's copy of the script and of node/app.conf.
set -euo pipefail
: "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: manifests removed from the lab folder"
