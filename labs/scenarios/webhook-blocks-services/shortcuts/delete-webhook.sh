#!/usr/bin/env bash
# Shortcut checks/webhook-kept.sh must refuse: delete the platform team's webhook
# configuration. Services go through until a GitOps sync puts it back.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl delete validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" >/dev/null
# With the webhook out of the way, the Service goes through.
lab_wait_for 30 "the API server to admit Service web" \
  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_WORKDIR/manifests/service.yaml"
