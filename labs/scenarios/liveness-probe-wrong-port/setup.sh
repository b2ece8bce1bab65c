#!/usr/bin/env bash
# Breaks the lab: the liveness probe of Deployment web checks port 8080, where nothing listens
# (nginx is on 80), so the kubelet restarts a healthy container every few seconds. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 120 "the kubelet to restart the web container" \
  lab_pods_match app=web '{.items[*].status.containerStatuses[*].restartCount}' '[1-9]'
echo "ready: the kubelet keeps restarting the web container in namespace $LAB_NAMESPACE"
