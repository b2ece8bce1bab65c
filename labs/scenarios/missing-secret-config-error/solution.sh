#!/usr/bin/env bash
# Points the Deployment at the Secret that exists, api-creds, which holds the key it reads
# (password). Creating a Secret named api-credentials would work as well.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment api --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name", "value": "api-creds"}
]'
kubectl -n "$LAB_NAMESPACE" rollout status deployment/api --timeout=90s
