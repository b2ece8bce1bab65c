#!/usr/bin/env bash
# Shortcut checks/volume-kept.sh must refuse: mount an emptyDir instead of the claim. The Pod
# starts, and loses its data with every restart.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment notes --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/volumes/0", "value": {"name": "data", "emptyDir": {}}}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/notes --timeout=90s >/dev/null
