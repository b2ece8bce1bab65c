#!/usr/bin/env bash
# Breaks the lab: Deployment web asks for nginx:1.72, a tag that does not exist (1.27 was meant),
# so its Pod never gets an image: ErrImagePull, then ImagePullBackOff. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 90 "the web Pod to fail pulling its image" \
  lab_pods_match app=web '{.items[*].status.containerStatuses[*].state.waiting.reason}' 'ErrImagePull|ImagePullBackOff'
echo "ready: the Pod of Deployment web in namespace $LAB_NAMESPACE cannot pull its image"
