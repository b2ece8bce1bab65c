#!/usr/bin/env bash
# Passes when Deployment worker has rolled out with both of its replicas Ready, so scaling it down
# to fit under the quota is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/worker --timeout=40s >/dev/null 2>&1; then
  echo REPLICAS_MISSING; exit 1
fi
ready="$(kubectl -n "$LAB_NAMESPACE" get deployment worker -o jsonpath='{.status.readyReplicas}' 2>/dev/null || true)"
if [[ "${ready:-0}" -lt 2 ]]; then
  echo TOO_FEW_REPLICAS; exit 1
fi
