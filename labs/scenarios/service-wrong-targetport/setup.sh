#!/usr/bin/env bash
# Breaks the lab: Service web forwards to targetPort 8080, but nginx in the web Pods listens on 80.
# The Pods are Ready and the EndpointSlices list them, yet every connection is refused.
# Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
kubectl -n "$LAB_NAMESPACE" wait --for=condition=Ready pod/client --timeout=120s >/dev/null
echo "ready: Service web in namespace $LAB_NAMESPACE has endpoints but refuses connections"
