#!/usr/bin/env bash
# Breaks the lab: the ConfigMap web-config holds settings.conf, while the app in Deployment web
# reads /etc/app/app.conf, exits 1 without it and ends up in CrashLoopBackOff. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
# The first restart shows the crash loop has begun (the first back-off is 10 s).
lab_wait_for 90 "Deployment web to restart its container" \
  lab_pods_match app=web '{.items[*].status.containerStatuses[*].restartCount}' '[1-9]'
echo "ready: Deployment web in namespace $LAB_NAMESPACE keeps restarting"
