#!/usr/bin/env bash
# Binds the Role pod-reader to ServiceAccount pod-lister in the namespace where both live and
# where the Pods are, then removes the stray binding from the other namespace, which gave
# pod-lister access it never needed.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - <<YAML
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
kubectl -n "$LAB_NAMESPACE-other" delete rolebinding pod-lister-pod-reader --ignore-not-found
# Permissions apply at once; the pod-lister succeeds on its next call, within 5 s.
kubectl auth can-i list pods -n "$LAB_NAMESPACE" --as="system:serviceaccount:$LAB_NAMESPACE:pod-lister"
