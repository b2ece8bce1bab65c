#!/usr/bin/env bash
# Shortcut checks/probe-kept.sh must refuse: delete the liveness probe. The restarts stop, and
# so does the restart of an nginx that hangs.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/containers/0/livenessProbe"}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s >/dev/null
