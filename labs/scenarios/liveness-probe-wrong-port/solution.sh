#!/usr/bin/env bash
# Points the liveness probe at the port nginx listens on, by the name the container gives it.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/livenessProbe/httpGet/port", "value": "http"}
]'
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
