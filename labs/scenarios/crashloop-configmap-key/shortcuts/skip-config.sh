#!/usr/bin/env bash
# Shortcut checks/config-loaded.sh must refuse: change the app so it starts without reading
# its config file. The Pod stops crashing, and the app runs without its settings.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/args", "value": ["echo started without a config file; exec sleep 86400"]}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s >/dev/null
