#!/usr/bin/env bash
# Shortcut checks/workload-kept.sh must refuse: keep the 32Mi limit and make the report build an
# index a third of the size, so it fits and the report is incomplete.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment report --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": ["dd if=/dev/zero of=/dev/null bs=16M count=1 2>/dev/null; echo report index built; exec sleep 86400"]}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/report --timeout=90s >/dev/null
