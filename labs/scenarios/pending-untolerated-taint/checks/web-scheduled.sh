#!/usr/bin/env bash
# Passes when Deployment web has rolled out and none of its Pods runs on the control plane, so
# tolerating the control plane's taint instead of the workers' one is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=40s >/dev/null 2>&1; then
  echo PODS_PENDING; exit 1
fi
control_plane=" $(kubectl get nodes -l node-role.kubernetes.io/control-plane -o jsonpath='{.items[*].metadata.name}') "
for node in $(kubectl -n "$LAB_NAMESPACE" get pods -l app=web -o jsonpath='{.items[*].spec.nodeName}'); do
  if [[ "$control_plane" == *" $node "* ]]; then echo PODS_ON_CONTROL_PLANE; exit 1; fi
done
