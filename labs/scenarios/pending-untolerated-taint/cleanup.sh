#!/usr/bin/env bash
# Removes everything setup made: the taint lab.k8s/<namespace> from every node that carries it,
# the lab namespace (with all its objects) and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

taint_key="lab.k8s/$LAB_NAMESPACE"

for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do
  keys="$(kubectl get node "$node" -o jsonpath='{.spec.taints[*].key}')"
  if [[ " $keys " == *" $taint_key "* ]]; then
    kubectl taint nodes "$node" "$taint_key-" >/dev/null
  fi
done
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: taint $taint_key removed, namespace $LAB_NAMESPACE deleted"
