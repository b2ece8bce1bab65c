#!/usr/bin/env bash
# Shortcut checks/webhook-kept.sh must refuse: add a matchCondition that is never true, so the
# API server skips the webhook for every request.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl patch validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" --type=json -p '[
  {"op": "add", "path": "/webhooks/0/matchConditions", "value": [{"name": "never", "expression": "false"}]}
]' >/dev/null
# With the webhook out of the way, the Service goes through.
lab_wait_for 30 "the API server to admit Service web" \
  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_WORKDIR/manifests/service.yaml"
