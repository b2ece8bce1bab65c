#!/usr/bin/env bash
# Points the Service at the container's named port. A name instead of a number keeps working if
# the image ever moves to another port, as long as the Deployment names it http.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch service web --type=json -p '[
  {"op": "replace", "path": "/spec/ports/0/targetPort", "value": "http"}
]'
kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web
