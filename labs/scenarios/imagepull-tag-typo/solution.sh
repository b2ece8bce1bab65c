#!/usr/bin/env bash
# Sets the tag the change meant. nginx:1.27 is preloaded into the lab cluster, so the Pod starts
# without a download.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" set image deployment/web web=nginx:1.27
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s
