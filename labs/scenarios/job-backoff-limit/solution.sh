#!/usr/bin/env bash
# Points the script at the path the orders are mounted at, /data/orders.csv. A Job's Pod
# template cannot be changed once the Job exists, so the failed Job is deleted (with its Pods)
# and the fixed one created in its place.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete job daily-report --ignore-not-found --wait=true
kubectl -n "$LAB_NAMESPACE" apply -f - \
  <<<"$(sed 's#/input/orders.csv#/data/orders.csv#' "$LAB_DIR/manifests/job.yaml")"
kubectl -n "$LAB_NAMESPACE" wait --for=condition=Complete job/daily-report --timeout=120s
kubectl -n "$LAB_NAMESPACE" logs job/daily-report
