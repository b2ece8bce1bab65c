#!/usr/bin/env bash
# Breaks the lab: Deployment batch requests cpu "250" (250 whole CPUs) instead of 250m, so no node
# can hold its Pod and it stays Pending with FailedScheduling. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 90 "the scheduler to give up on the batch Pod" \
  lab_pods_match app=batch '{.items[*].status.conditions[?(@.type=="PodScheduled")].reason}' 'Unschedulable'
echo "ready: the Pod of Deployment batch in namespace $LAB_NAMESPACE is Pending"
