#!/usr/bin/env bash
# Breaks the lab: Deployment catalog needs about 40 s before it answers on :8080, but its
# liveness probe gives it 15 s, so the kubelet restarts it before it is ever ready, again and
# again, into CrashLoopBackOff. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 120 "the kubelet to restart the catalog container" \
  lab_pods_match app=catalog '{.items[*].status.containerStatuses[*].restartCount}' '[1-9]'
echo "ready: the kubelet keeps restarting the catalog container in namespace $LAB_NAMESPACE before it finishes starting"
