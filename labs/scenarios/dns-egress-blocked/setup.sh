#!/usr/bin/env bash
# Breaks the lab: default-deny-egress blocks every connection out of the namespace, and
# allow-client-to-backend opens only TCP 80 to the backend's Pods. DNS (UDP and TCP 53 to CoreDNS
# in kube-system) stays blocked, so the client cannot look up the name "backend" and logs
# "bad address" on every call. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
# The policies first, so the client never starts with open egress.
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/networkpolicies.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/backend.yaml" -f "$LAB_DIR/manifests/client.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/backend --timeout=120s >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/client --timeout=120s >/dev/null
echo "ready: the client in namespace $LAB_NAMESPACE runs but cannot look up its backend (its first error shows once the lookups time out)"
