#!/usr/bin/env bash
# Shortcut checks/image-kept.sh must refuse: swap nginx for another image that is already on the
# node. The Pod starts, but it is no longer the nginx 1.27 the change asked for.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p '[
  {"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "86400"]}
]' >/dev/null
kubectl -n "$LAB_NAMESPACE" set image deployment/web web=busybox:1.36 >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s >/dev/null
