#!/usr/bin/env bash
# Guard: the batch container still requests CPU, so dropping the request (and letting the Pod
# land anywhere with no reservation) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

cpu="$(kubectl -n "$LAB_NAMESPACE" get deployment batch \
  -o jsonpath='{.spec.template.spec.containers[?(@.name=="batch")].resources.requests.cpu}' 2>/dev/null || true)"
if [[ -z "$cpu" ]]; then
  echo CPU_REQUEST_REMOVED
  exit 1
fi
