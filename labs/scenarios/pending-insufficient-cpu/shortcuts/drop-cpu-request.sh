#!/usr/bin/env bash
# Shortcut checks/cpu-request-kept.sh must refuse: drop the CPU request, so the Pod lands
# anywhere with nothing reserved for it.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment batch --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/containers/0/resources/requests/cpu"}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/batch --timeout=90s >/dev/null
