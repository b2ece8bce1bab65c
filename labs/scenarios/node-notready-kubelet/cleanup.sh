#!/usr/bin/env bash
# Removes everything setup made and makes sure the node works again: starts the kubelet on
# k8s-labs-worker2 and waits for the node to be Ready and untainted (Pods on a NotReady node cannot
# finish terminating, which would hold the namespace), then deletes the lab namespace and the
# reader's copy of the manifests. Without docker it can only confirm the node is Ready already.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

node="k8s-labs-worker2"
node_ready() { [[ "$(kubectl get node "$node" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]]; }
untainted() { [[ " $(kubectl get node "$node" -o jsonpath='{.spec.taints[*].key}') " != *" node.kubernetes.io/unreachable "* ]]; }

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 \
  && docker exec "$node" systemctl start kubelet 2>/dev/null; then
  kubectl wait --for=condition=Ready "node/$node" --timeout=120s >/dev/null
elif node_ready; then
  echo "note: docker cannot reach the container $node from here; the node is Ready, so its kubelet runs" >&2
else
  echo "node $node is not Ready and docker cannot start its kubelet here (docker missing, its daemon down, or no container $node): start it with: docker exec $node systemctl start kubelet" >&2
  exit 1
fi
lab_wait_for 60 "the node controller to take the unreachable taint off $node" untainted
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: kubelet running on $node, namespace $LAB_NAMESPACE deleted"
