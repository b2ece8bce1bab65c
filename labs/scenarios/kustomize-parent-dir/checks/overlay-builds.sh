#!/usr/bin/env bash
# Passes when the prod overlay builds with kubectl's built-in kustomize.
set -euo pipefail
overlay="$LAB_WORKDIR/manifests/k8s/overlays/prod"

if ! kubectl kustomize "$overlay" >/dev/null 2>&1; then
  echo KUSTOMIZE_BUILD_FAILED
  exit 1
fi
