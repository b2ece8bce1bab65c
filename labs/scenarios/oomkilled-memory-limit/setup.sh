#!/usr/bin/env bash
# Breaks the lab: Deployment report needs about 48 MiB but its memory limit is 32Mi, so the kernel
# kills the container (OOMKilled, exit code 137) every time it starts. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 90 "the report container to be OOMKilled" \
  lab_pods_match app=report '{.items[*].status.containerStatuses[*].lastState.terminated.reason}' 'OOMKilled'
echo "ready: Deployment report in namespace $LAB_NAMESPACE keeps getting killed"
