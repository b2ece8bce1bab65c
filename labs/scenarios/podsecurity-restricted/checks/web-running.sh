#!/usr/bin/env bash
# Passes when Deployment web has rolled out with both replicas Ready, so scaling it to zero is no
# fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=60s >/dev/null 2>&1; then
  echo PODS_NOT_RUNNING; exit 1
fi
ready="$(kubectl -n "$LAB_NAMESPACE" get deployment web -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
if [[ "${ready:-0}" -lt 2 ]]; then
  echo TOO_FEW_REPLICAS; exit 1
fi
