#!/usr/bin/env bash
# Shortcut checks/probe-kept.sh must refuse: delete the readiness probe, so the Service sends
# traffic to Pods nobody checked.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/containers/0/readinessProbe"}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s >/dev/null
