#!/usr/bin/env bash
# Shortcut checks/webhook-kept.sh must refuse: keep the configuration but make its
# namespaceSelector match a namespace that does not exist, so it is never called here.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl patch validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" --type=json -p "[
  {\"op\": \"replace\", \"path\": \"/webhooks/0/namespaceSelector\", \"value\": {\"matchLabels\": {\"kubernetes.io/metadata.name\": \"$LAB_NAMESPACE-nowhere\"}}}
]" >/dev/null
# With the webhook out of the way, the Service goes through.
lab_wait_for 30 "the API server to admit Service web" \
  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_WORKDIR/manifests/service.yaml"
