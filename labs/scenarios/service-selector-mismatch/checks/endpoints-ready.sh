#!/usr/bin/env bash
# Passes when the EndpointSlices of Service web list at least one ready endpoint (rechecked for
# up to about 30 s, the time the controller needs to follow a change).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in 1 2 3 4 5 6 7 8 9 10; do
  ready="$(kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[*]}' 2>/dev/null || true)"
  if [[ -n "$ready" ]]; then exit 0; fi
  sleep 3
done
echo NO_READY_ENDPOINTS
exit 1
