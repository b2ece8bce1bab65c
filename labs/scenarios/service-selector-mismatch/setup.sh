#!/usr/bin/env bash
# Breaks the lab: the Pods of Deployment web are labelled app=storefront, but Service web still
# selects app=web, so the Service has no endpoints although both Pods are Ready. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
echo "ready: Deployment web in namespace $LAB_NAMESPACE is up, Service web answers nobody"
