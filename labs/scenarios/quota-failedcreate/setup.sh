#!/usr/bin/env bash
# Breaks the lab: ResourceQuota compute caps CPU and memory requests and limits in the namespace,
# and Deployment worker sets none. Quota admission refuses every Pod the ReplicaSet tries to
# create (FailedCreate), so not a single Pod appears, not even a Pending one. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
# The quota first, with its usage computed: Pods created before that would be refused with a
# different message ("status unknown for quota").
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/quota.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" wait --for=jsonpath='{.status.hard.pods}'=4 resourcequota/compute --timeout=60s >/dev/null
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/deployment.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" wait --for=condition=ReplicaFailure deployment/worker --timeout=60s >/dev/null
echo "ready: Deployment worker in namespace $LAB_NAMESPACE has no Pods; its ReplicaSet reports FailedCreate"
