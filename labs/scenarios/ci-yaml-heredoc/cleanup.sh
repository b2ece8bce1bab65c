#!/usr/bin/env bash
# Removes what setup made: the reader's copy of the workflow and ./yaml-lint.
set -euo pipefail
: "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests" "$LAB_WORKDIR/yaml-lint"
echo "cleaned: manifests and yaml-lint removed from the lab folder"
