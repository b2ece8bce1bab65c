#!/usr/bin/env bash
# Passes when Service web lists two ready endpoints again, one web Pod per worker (rechecked for
# up to about 45 s while the kubelet reports its Pods and the EndpointSlices follow).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in $(seq 15); do
  if (($(lab_ready_endpoints web) >= 2)); then exit 0; fi
  sleep 3
done
echo ENDPOINT_MISSING; exit 1
