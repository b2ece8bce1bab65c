#!/usr/bin/env bash
# Passes when the EndpointSlices of Service web list at least one ready endpoint (rechecked for
# up to about 30 s: a rollout and a few probe periods).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in $(seq 10); do
  if (($(lab_ready_endpoints web) >= 1)); then exit 0; fi
  sleep 3
done
echo NO_READY_ENDPOINTS
exit 1
