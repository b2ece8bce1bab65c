#!/usr/bin/env bash
# Breaks the lab: PersistentVolumeClaim data names the StorageClass fast-ssd, which this cluster
# does not have. Nothing provisions a volume, the claim stays Pending, and so does the Pod of
# Deployment notes that mounts it. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 90 "the scheduler to hold back the notes Pod" \
  lab_pods_match app=notes '{.items[*].status.conditions[?(@.type=="PodScheduled")].reason}' 'Unschedulable'
echo "ready: PVC data and the Pod of Deployment notes in namespace $LAB_NAMESPACE are Pending"
