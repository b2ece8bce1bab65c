#!/usr/bin/env bash
# Guard: default-deny-egress still exists and the controller still cannot open other connections,
# neither to the web Pod nor to a node outside the Pod network (another node's kubelet), so
# deleting the policy or allowing all egress, Pods excepted or not, is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" get networkpolicy default-deny-egress >/dev/null 2>&1 || { echo DENY_POLICY_REMOVED; exit 1; }
ip="$(kubectl -n "$LAB_NAMESPACE" get pods -l app=web -o jsonpath='{.items[0].status.podIP}' 2>/dev/null || true)"
node_ip="$(lab_bystander_node_ip app=controller 2>/dev/null || true)"
if [[ -z "$ip" || -z "$node_ip" ]]; then echo PROBE_TARGET_MISSING; exit 1; fi
for url in "http://$ip/" "https://$node_ip:10250/healthz"; do
  if kubectl -n "$LAB_NAMESPACE" exec deployment/controller -- curl -sk -m 3 -o /dev/null "$url" >/dev/null 2>&1; then echo EGRESS_NOT_DENIED; exit 1; fi
done
