#!/usr/bin/env bash
# Shortcut checks/least-privilege.sh must refuse: bind the built-in ClusterRole view in the lab
# namespace. pod-lister can list its Pods, and also read every ConfigMap there.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pod-lister-view
  labels:
    lab: $LAB_ID
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: ServiceAccount
    name: pod-lister
    namespace: $LAB_NAMESPACE
YAML
