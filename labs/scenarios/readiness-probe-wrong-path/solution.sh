#!/usr/bin/env bash
# Points the readiness probe at the endpoint nginx serves for it, /healthz.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/readinessProbe/httpGet/path", "value": "/healthz"}
]'
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
