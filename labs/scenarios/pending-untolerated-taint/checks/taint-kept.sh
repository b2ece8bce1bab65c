#!/usr/bin/env bash
# Guard: both workers still carry the lab's NoSchedule taint, so removing the taint (opening the
# reserved nodes to every Pod in the cluster) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

key="lab.k8s/$LAB_NAMESPACE"
tainted="$(kubectl get nodes -l '!node-role.kubernetes.io/control-plane' \
  -o jsonpath="{range .items[*]}{range .spec.taints[?(@.key==\"$key\")]}{.effect}{\"\n\"}{end}{end}" 2>/dev/null || true)"
if [[ "$(grep -c '^NoSchedule$' <<<"$tainted" || true)" -lt 2 ]]; then
  echo TAINT_REMOVED; exit 1
fi
