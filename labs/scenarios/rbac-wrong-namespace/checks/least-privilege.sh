#!/usr/bin/env bash
# Guard: the API server still answers "no" when pod-lister asks to change Pods, to read Secrets or
# ConfigMaps, or to list Pods cluster-wide. Binding a broad ClusterRole (cluster-admin, edit, view),
# widening the Role or binding cluster-wide with a ClusterRoleBinding is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

as="system:serviceaccount:$LAB_NAMESPACE:pod-lister"
for probe in "delete pods" "create pods" "list secrets" "list configmaps"; do
  read -r verb resource <<<"$probe"
  [[ "$(kubectl auth can-i "$verb" "$resource" -n "$LAB_NAMESPACE" --as="$as" 2>/dev/null || true)" == no* ]] || { echo TOO_MUCH_ACCESS; exit 1; }
done
[[ "$(kubectl auth can-i list pods --all-namespaces --as="$as" 2>/dev/null || true)" == no* ]] || { echo ACCESS_BEYOND_NAMESPACE; exit 1; }
