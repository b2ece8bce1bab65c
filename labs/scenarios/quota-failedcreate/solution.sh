#!/usr/bin/env bash
# Gives the worker container requests and limits. Two replicas use 200m/128Mi of requests and
# 500m/256Mi of limits, so even a rolling update's extra Pod still fits under the quota.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" set resources deployment/worker -c worker \
  --requests=cpu=100m,memory=64Mi --limits=cpu=250m,memory=128Mi
kubectl -n "$LAB_NAMESPACE" rollout status deployment/worker --timeout=120s
kubectl -n "$LAB_NAMESPACE" describe resourcequota compute
