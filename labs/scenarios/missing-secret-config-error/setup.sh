#!/usr/bin/env bash
# Breaks the lab: Deployment api takes DB_PASSWORD from Secret api-credentials, but the Secret that
# exists is api-creds, so the kubelet cannot build the container: CreateContainerConfigError.
# Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 90 "the api Pod to report CreateContainerConfigError" \
  lab_pods_match app=api '{.items[*].status.containerStatuses[*].state.waiting.reason}' 'CreateContainerConfigError'
echo "ready: the Pod of Deployment api in namespace $LAB_NAMESPACE cannot start its container"
