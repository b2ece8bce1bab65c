#!/usr/bin/env bash
# Shortcut checks/workload-kept.sh must refuse: remove the memory limit, so the container can
# take as much of the node as it likes.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment report --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/containers/0/resources/limits"}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/report --timeout=90s >/dev/null
