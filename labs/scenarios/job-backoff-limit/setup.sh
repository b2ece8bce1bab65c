#!/usr/bin/env bash
# Breaks the lab: Job daily-report reads /input/orders.csv, but the orders are mounted under
# /data. Each Pod exits 1 at once; after the first try and two retries (backoffLimit 2) the Job
# fails with BackoffLimitExceeded. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
# The retries wait 10 s and 20 s (the Job controller's back-off), so this takes about 40 s.
kubectl -n "$LAB_NAMESPACE" wait --for=condition=Failed job/daily-report --timeout=150s >/dev/null
echo "ready: Job daily-report in namespace $LAB_NAMESPACE has failed"
