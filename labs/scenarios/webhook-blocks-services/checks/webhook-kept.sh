#!/usr/bin/env bash
# Guard: the webhook configuration still exists and the API server would still call it for
# Service web in this namespace, so deleting it or steering it away (rules, namespaceSelector,
# objectSelector, matchConditions) is no fix: only how a failed call is treated may change.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

config="$(kubectl get validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" -o json 2>/dev/null)" || { echo WEBHOOK_CONFIG_REMOVED; exit 1; }
namespace="$(kubectl get namespace "$LAB_NAMESPACE" -o json 2>/dev/null)" || { echo WEBHOOK_BYPASSED; exit 1; }
service="$(kubectl -n "$LAB_NAMESPACE" get service web -o json 2>/dev/null || true)"
if ! node "$LAB_DIR/checks/webhook-called.mjs" "$config" "$namespace" "$service" "$LAB_DIR/manifests/service.yaml"; then
  echo WEBHOOK_BYPASSED; exit 1
fi
