#!/usr/bin/env bash
# Guard: the namespace still enforces the restricted level of the latest Pod Security Standard,
# so relabelling it baseline or privileged (or removing the label) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

policy="$(kubectl get namespace "$LAB_NAMESPACE" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}:{.metadata.labels.pod-security\.kubernetes\.io/enforce-version}' 2>/dev/null || true)"
if [[ "$policy" != "restricted:" && "$policy" != "restricted:latest" ]]; then
  echo ENFORCE_LEVEL_CHANGED; exit 1
fi
