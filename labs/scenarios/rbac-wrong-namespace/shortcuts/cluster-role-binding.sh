#!/usr/bin/env bash
# Shortcut checks/least-privilege.sh must refuse: give pod-lister read access to Pods with a
# ClusterRoleBinding. The 403 goes away, and pod-lister can read the Pods of every namespace.
# Cluster scope: both objects are named after the lab namespace and labelled lab=<id>.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: $LAB_NAMESPACE-pod-reader
  labels:
    lab: $LAB_ID
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: $LAB_NAMESPACE-pod-lister
  labels:
    lab: $LAB_ID
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: $LAB_NAMESPACE-pod-reader
subjects:
  - kind: ServiceAccount
    name: pod-lister
    namespace: $LAB_NAMESPACE
YAML
