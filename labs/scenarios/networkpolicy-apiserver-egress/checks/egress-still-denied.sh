#!/usr/bin/env bash
# Guard: default-deny-egress still exists and the controller still cannot open other connections
# (here to the web Pod), so deleting the policy or allowing all egress is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" get networkpolicy default-deny-egress >/dev/null 2>&1; then
  echo DENY_POLICY_REMOVED; exit 1
fi
ip="$(kubectl -n "$LAB_NAMESPACE" get pods -l app=web -o jsonpath='{.items[0].status.podIP}' 2>/dev/null || true)"
if [[ -z "$ip" ]]; then echo WEB_POD_MISSING; exit 1; fi
if kubectl -n "$LAB_NAMESPACE" exec deployment/controller -- wget -q -T 3 -O /dev/null "http://$ip/" >/dev/null 2>&1; then
  echo EGRESS_NOT_DENIED; exit 1
fi
