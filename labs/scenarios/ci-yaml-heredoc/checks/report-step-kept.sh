#!/usr/bin/env bash
# Guard: the "Write the report script" step, run as GitHub Actions runs a bash step, still writes
# build/report.py byte for byte as intended, so deleting the heredoc or the step is no fix.
set -euo pipefail
workflow="$LAB_WORKDIR/manifests/.github/workflows/ci-quality-gate.yml"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if ! node "$LAB_DIR/../../lib/yaml-check.mjs" step-run "$workflow" quality-gate 'Write the report script' >"$scratch/step.sh" 2>/dev/null; then
  echo REPORT_STEP_MISSING; exit 1
fi
if ! (cd "$scratch" && bash --noprofile --norc -eo pipefail step.sh) >/dev/null 2>&1 \
  || ! cmp -s "$scratch/build/report.py" "$LAB_DIR/checks/expected/report.py"; then
  echo REPORT_SCRIPT_CHANGED; exit 1
fi
