#!/usr/bin/env bash
# Shortcut the guard must refuse: scale the Deployment to zero, which "completes" any rollout.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" scale deployment/web --replicas=0
