#!/usr/bin/env bash
# Breaks the lab: the namespace <lab namespace>-old holds the ConfigMap backup-state with the
# finalizer lab.k8s/cleanup, which no controller will ever remove. Setup deletes the namespace;
# it stays Terminating because the namespace controller cannot finish deleting its content.
# Idempotent.
#
# Cluster scope: the second namespace is a cluster-wide object, named after the lab namespace.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

old="$LAB_NAMESPACE-old"

lab_create_namespace
lab_restore_manifests
# A copy left by an earlier run (Terminating, or forced away with its ConfigMap still stored):
# release its ConfigMaps and let it go before starting over.
lab_release_finalizers "$old" configmaps
kubectl delete namespace "$old" --ignore-not-found --wait=true --timeout=100s >/dev/null
kubectl apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Namespace
metadata:
  name: $old
  labels:
    lab: $LAB_ID
YAML
kubectl -n "$LAB_NAMESPACE-old" apply -f "$LAB_DIR/manifests/backup-state.yaml" >/dev/null
kubectl delete namespace "$old" --wait=false >/dev/null
kubectl wait --for=condition=NamespaceFinalizersRemaining "namespace/$old" --timeout=60s >/dev/null
echo "ready: namespace $old is Terminating and stays that way"
