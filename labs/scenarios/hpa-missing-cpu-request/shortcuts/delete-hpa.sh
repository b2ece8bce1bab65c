#!/usr/bin/env bash
# Shortcut the guard must refuse: delete the HPA, which ends the error and the autoscaling.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete hpa api
