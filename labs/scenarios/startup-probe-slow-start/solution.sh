#!/usr/bin/env bash
# Adds a startup probe on /healthz that allows up to 90 s (18 checks, 5 s apart) for the index
# to load. The kubelet runs the liveness and readiness probes only once the startup probe has
# passed, so the liveness probe keeps its 15 s for a catalog that hangs later.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment catalog --type=json -p '[
  {"op": "add", "path": "/spec/template/spec/containers/0/startupProbe",
   "value": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 5, "failureThreshold": 18}}
]'
kubectl -n "$LAB_NAMESPACE" rollout status deployment/catalog --timeout=180s
