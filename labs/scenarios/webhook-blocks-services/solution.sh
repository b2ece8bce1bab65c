#!/usr/bin/env bash
# The service-policy webhook only checks labels, and its server is gone. Until its owners bring
# it back, let the API server admit Services when the webhook cannot be called (failurePolicy
# Ignore) instead of deleting a configuration that belongs to another team. Then create the
# Service.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl patch validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" --type=json -p '[
  {"op": "replace", "path": "/webhooks/0/failurePolicy", "value": "Ignore"}
]'
# The API server picks up the changed configuration within a few seconds.
lab_wait_for 30 "the API server to admit Service web" \
  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/service.yaml"
kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web
