#!/usr/bin/env bash
# Removes everything setup made, and any cluster-wide grant made for pod-lister on the way: the
# ClusterRoles and ClusterRoleBindings labelled lab=<id> and every ClusterRoleBinding whose
# subjects name a ServiceAccount of the lab namespace (a binding outlives its ServiceAccount and
# would grant the next pod-lister created here), then the namespace <lab namespace>-other, the
# lab namespace (with all their objects) and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl delete clusterrolebindings,clusterroles -l lab="$LAB_ID" --ignore-not-found >/dev/null
bindings="$(kubectl get clusterrolebindings \
  -o jsonpath='{range .items[*]}{.metadata.name}{range .subjects[*]} {.kind}/{.namespace}{end}{"\n"}{end}')"
while read -r name subjects; do
  if [[ -n "$name" && " $subjects " == *" ServiceAccount/$LAB_NAMESPACE "* ]]; then
    kubectl delete clusterrolebinding "$name" --ignore-not-found >/dev/null
  fi
done <<<"$bindings"
kubectl delete namespace "$LAB_NAMESPACE-other" --ignore-not-found --wait=true --timeout=100s >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: cluster-wide grants for $LAB_NAMESPACE, namespaces $LAB_NAMESPACE-other and $LAB_NAMESPACE deleted"
