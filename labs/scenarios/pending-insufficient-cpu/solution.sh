#!/usr/bin/env bash
# Writes the request in the unit the sizing note meant: 250m is a quarter of one CPU; a bare 250
# is 250 CPUs.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" set resources deployment/batch -c batch --requests=cpu=250m
kubectl -n "$LAB_NAMESPACE" rollout status deployment/batch --timeout=90s
