#!/usr/bin/env bash
# Shortcut the guard must refuse: delete the liveness probe, so nothing restarts the catalog
# while it starts, or ever after.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment catalog --type=json -p '[
  {"op": "remove", "path": "/spec/template/spec/containers/0/livenessProbe"}
]'
