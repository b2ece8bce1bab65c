#!/usr/bin/env bash
# Breaks the lab: release 1.0 of Deployment web rolls out, then release 2.0 points the Pods at
# ConfigMap web-v2, which lost the /healthz location. The first new Pod never becomes Ready, the
# rollout stops (maxUnavailable 0 keeps the three old Pods serving) and after 30 s the
# Deployment reports ProgressDeadlineExceeded. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/site-config.yaml" -f "$LAB_DIR/manifests/service.yaml" >/dev/null
# Release 1.0: the same Deployment with the ConfigMap of 1.0.
kubectl -n "$LAB_NAMESPACE" apply -f - >/dev/null \
  <<<"$(sed 's/name: web-v2$/name: web-v1/' "$LAB_DIR/manifests/deployment.yaml")"
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/deployment.yaml" >/dev/null
kubectl -n "$LAB_NAMESPACE" wait deployment/web --timeout=120s \
  --for=jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}'=ProgressDeadlineExceeded >/dev/null
echo "ready: the rollout of release 2.0 of Deployment web in namespace $LAB_NAMESPACE has stopped; release 1.0 still serves"
