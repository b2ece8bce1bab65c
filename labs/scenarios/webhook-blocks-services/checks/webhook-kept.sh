#!/usr/bin/env bash
# Guard: the webhook configuration still exists and still covers Service CREATE. It belongs to the
# platform team and a GitOps tool would put a deleted copy back, so deleting it is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

rules="$(kubectl get validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" \
  -o jsonpath='{.webhooks[*].rules[*].operations[*]} {.webhooks[*].rules[*].resources[*]}' 2>/dev/null || true)"
if [[ " $rules " != *" CREATE "* || " $rules " != *" services "* ]]; then
  echo WEBHOOK_CONFIG_REMOVED; exit 1
fi
