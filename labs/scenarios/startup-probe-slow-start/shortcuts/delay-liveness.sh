#!/usr/bin/env bash
# Shortcut the guard must refuse: delay the liveness probe by 300 s, which lets the catalog start
# and leaves a hung one running unchecked for five minutes after every start.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment catalog --type=json -p '[
  {"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe/initialDelaySeconds", "value": 300}
]'
