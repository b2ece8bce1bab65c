#!/usr/bin/env bash
# Removes everything setup made: the namespace <lab namespace>-old (releasing the finalizer, and
# deleting ConfigMaps orphaned by a forced namespace deletion), the lab namespace and the
# reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

old="$LAB_NAMESPACE-old"
for cm in $(kubectl -n "$LAB_NAMESPACE-old" get configmaps -l lab="$LAB_ID" -o name 2>/dev/null); do
  kubectl -n "$LAB_NAMESPACE-old" patch "$cm" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null
  kubectl -n "$LAB_NAMESPACE-old" delete "$cm" --ignore-not-found --wait=false >/dev/null
done
kubectl delete namespace "$old" --ignore-not-found --wait=true --timeout=100s >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: namespaces $old and $LAB_NAMESPACE deleted"
