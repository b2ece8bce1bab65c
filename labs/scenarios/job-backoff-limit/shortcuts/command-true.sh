#!/usr/bin/env bash
# Shortcut the guard must refuse: re-create the Job with a command that does nothing and exits 0,
# which completes the Job and writes no report.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete job daily-report --ignore-not-found --wait=true
kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: batch/v1
kind: Job
metadata:
  name: daily-report
  labels:
    app: daily-report
    lab: job-backoff-limit
spec:
  backoffLimit: 2
  template:
    metadata:
      labels:
        app: daily-report
        lab: job-backoff-limit
    spec:
      restartPolicy: Never
      containers:
        - name: report
          image: busybox:1.37
          command: ["true"]
YAML
kubectl -n "$LAB_NAMESPACE" wait --for=condition=Complete job/daily-report --timeout=60s
