#!/usr/bin/env bash
# Shortcut checks/password-from-secret.sh must refuse: paste the password into the Deployment
# instead of reading it from a Secret.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment api --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/0", "value": {"name": "DB_PASSWORD", "value": "pasted-into-the-manifest"}}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/api --timeout=90s >/dev/null
