#!/usr/bin/env bash
# Breaks the lab: HorizontalPodAutoscaler api targets 50% CPU utilization, but Deployment api
# sets no CPU request, and utilization is usage divided by request. The HPA cannot compute it:
# TARGETS shows <unknown>/50% and ScalingActive turns False with FailedGetResourceMetric.
# Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

# Without metrics-server the HPA fails for another reason; say so instead of teaching that.
if ! kubectl wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout=60s >/dev/null 2>&1; then
  echo "metrics-server is not running in the lab cluster (APIService v1beta1.metrics.k8s.io is not Available): run npm run cluster:up" >&2
  exit 1
fi
lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/api --timeout=120s >/dev/null
# The HPA controller looks every 15 s; its first verdicts can be "no metrics returned" until
# metrics-server has scraped the new Pod, then "missing request for cpu".
kubectl -n "$LAB_NAMESPACE" wait hpa/api --timeout=120s \
  --for=jsonpath='{.status.conditions[?(@.type=="ScalingActive")].reason}'=FailedGetResourceMetric >/dev/null
echo "ready: HorizontalPodAutoscaler api in namespace $LAB_NAMESPACE cannot compute CPU utilization"
