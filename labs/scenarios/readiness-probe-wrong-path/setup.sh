#!/usr/bin/env bash
# Breaks the lab: the readiness probe of Deployment web asks nginx for /health, but the health
# endpoint is /healthz. nginx answers 404, the Pods never become Ready and Service web has no ready
# endpoints. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 120 "the web containers to start" \
  lab_pods_match app=web '{.items[*].status.containerStatuses[*].started}' 'true'
echo "ready: the Pods of Deployment web in namespace $LAB_NAMESPACE run but never become Ready"
