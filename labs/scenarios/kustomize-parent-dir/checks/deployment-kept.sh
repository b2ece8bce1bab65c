#!/usr/bin/env bash
# Guard: the overlay still renders the web Deployment with prod's 3 replicas, so emptying the
# resource list or dropping the patch is no fix.
set -euo pipefail
overlay="$LAB_WORKDIR/manifests/k8s/overlays/prod"
yaml_check="$LAB_DIR/../../lib/yaml-check.mjs"

if ! kubectl kustomize "$overlay" 2>/dev/null | node "$yaml_check" has Deployment web spec.replicas=3; then
  echo DEPLOYMENT_MISSING
  exit 1
fi
