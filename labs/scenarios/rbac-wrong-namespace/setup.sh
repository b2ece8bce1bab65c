#!/usr/bin/env bash
# Breaks the lab: the RoleBinding that gives ServiceAccount pod-lister the Role pod-reader exists,
# but in the namespace <lab namespace>-other, so it grants pod-lister access to the Pods there and
# nothing in its own namespace. The pod-lister's calls get 403 Forbidden. Idempotent.
#
# Cluster scope: the second namespace is a cluster-wide object, named after the lab namespace.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" delete rolebinding pod-lister-pod-reader --ignore-not-found >/dev/null
kubectl apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Namespace
metadata:
  name: $LAB_NAMESPACE-other
  labels:
    lab: $LAB_ID
YAML
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/rbac.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE-other" apply -f "$LAB_DIR/manifests/rbac.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE-other" apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pod-lister-pod-reader
  labels:
    app: pod-lister
    lab: $LAB_ID
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
subjects:
  - kind: ServiceAccount
    name: pod-lister
    namespace: $LAB_NAMESPACE
YAML
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/deployment.yaml" >/dev/null
# Its first call, a second after it starts, is refused: nothing grants it access here.
kubectl -n "$LAB_NAMESPACE" rollout status deployment/pod-lister --timeout=120s >/dev/null
echo "ready: the pod-lister in namespace $LAB_NAMESPACE gets 403 Forbidden when it lists pods"
