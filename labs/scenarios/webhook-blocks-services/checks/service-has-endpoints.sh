#!/usr/bin/env bash
# Passes when Service web exists and its EndpointSlices list a ready web Pod (rechecked for up to
# about 30 s while the slices catch up).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" get service web >/dev/null 2>&1; then echo SERVICE_MISSING; exit 1; fi
for _ in 1 2 3 4 5 6 7 8 9 10; do
  ready="$(kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[*]}' 2>/dev/null || true)"
  if [[ -n "$ready" ]]; then exit 0; fi
  sleep 3
done
echo NO_READY_ENDPOINTS; exit 1
