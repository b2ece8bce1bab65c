#!/usr/bin/env bash
# Passes when the workflow file is valid YAML again.
set -euo pipefail
workflow="$LAB_WORKDIR/manifests/.github/workflows/ci-quality-gate.yml"

if ! node "$LAB_DIR/../../lib/yaml-check.mjs" parse "$workflow" 2>/dev/null; then
  echo WORKFLOW_YAML_INVALID
  exit 1
fi
