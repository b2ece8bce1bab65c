#!/usr/bin/env bash
# Breaks the lab: the NetworkPolicy default-deny-egress selects every Pod in the namespace and
# allows no egress. The controller's calls to the API server (10.96.0.1:443, the kubernetes
# Service) time out and it crash-loops. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
# The policy first, so the controller never starts with open egress.
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/networkpolicy.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/web.yaml" -f "$LAB_DIR/manifests/controller.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
# A timed-out call takes 5 s, then the container exits and restarts.
lab_wait_for 120 "the controller to fail its first call and restart" \
  lab_pods_match app=controller '{.items[*].status.containerStatuses[*].restartCount}' '[1-9]'
echo "ready: Deployment controller in namespace $LAB_NAMESPACE cannot reach the API server and keeps restarting"
