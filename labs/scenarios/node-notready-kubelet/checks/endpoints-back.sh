#!/usr/bin/env bash
# Passes when Service web lists two ready endpoints again, one web Pod per worker (rechecked for
# up to about 45 s while the kubelet reports its Pods and the EndpointSlices follow).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in $(seq 15); do
  ready="$(kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[0]}' 2>/dev/null || true)"
  if [[ "$(wc -w <<<"$ready")" -ge 2 ]]; then exit 0; fi
  sleep 3
done
echo ENDPOINT_MISSING; exit 1
