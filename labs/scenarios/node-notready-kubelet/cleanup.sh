#!/usr/bin/env bash
# Removes everything setup made and makes sure the node works again: starts the kubelet on
# k8s-labs-worker2 and waits for the node to be Ready (Pods on a NotReady node cannot finish
# terminating, which would hold the namespace), then deletes the lab namespace and the reader's
# copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

node="k8s-labs-worker2"
if ! command -v docker >/dev/null 2>&1; then
  echo "docker is not on PATH: cannot make sure the kubelet runs on $node; start it with: docker exec $node systemctl start kubelet" >&2
  exit 1
fi
docker exec "$node" systemctl start kubelet
kubectl wait --for=condition=Ready "node/$node" --timeout=120s >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: kubelet running on $node, namespace $LAB_NAMESPACE deleted"
