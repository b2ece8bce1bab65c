#!/usr/bin/env bash
# Shortcut checks/taint-kept.sh must refuse: take the taint off the workers, which opens the
# reserved nodes to every Pod in the cluster.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

taint_key="lab.k8s/$LAB_NAMESPACE"
for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do
  if [[ " $(kubectl get node "$node" -o jsonpath='{.spec.taints[*].key}') " == *" $taint_key "* ]]; then
    kubectl taint nodes "$node" "$taint_key-" >/dev/null
  fi
done
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s >/dev/null
