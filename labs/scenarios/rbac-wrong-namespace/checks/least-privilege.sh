#!/usr/bin/env bash
# Guard: the API server still answers "no" when pod-lister asks to change Pods or read Secrets or
# ConfigMaps. Binding a broad ClusterRole (cluster-admin, edit, view) or widening the Role is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for probe in "delete pods" "create pods" "list secrets" "list configmaps"; do
  read -r verb resource <<<"$probe"
  answer="$(kubectl auth can-i "$verb" "$resource" -n "$LAB_NAMESPACE" --as="system:serviceaccount:$LAB_NAMESPACE:pod-lister" 2>/dev/null || true)"
  if [[ "$answer" != no* ]]; then
    echo TOO_MUCH_ACCESS; exit 1
  fi
done
