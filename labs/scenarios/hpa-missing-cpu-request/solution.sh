#!/usr/bin/env bash
# Gives the api container a CPU request, the denominator of CPU utilization. 100m is what one
# idle nginx replica comfortably fits in; the HPA then reports usage as a share of it.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" set resources deployment/api -c api --requests=cpu=100m,memory=64Mi
kubectl -n "$LAB_NAMESPACE" rollout status deployment/api --timeout=120s
