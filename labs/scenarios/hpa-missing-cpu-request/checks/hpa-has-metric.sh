#!/usr/bin/env bash
# Passes when HorizontalPodAutoscaler api reports a current CPU utilization. Rechecked for up to
# 150 s: after a rollout, metrics-server needs a scrape or two (15 s apart) of the new Pod and
# the HPA controller another sync (15 s) before a value appears.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in $(seq 30); do
  current="$(kubectl -n "$LAB_NAMESPACE" get hpa api -o jsonpath='{.status.currentMetrics[?(@.resource.name=="cpu")].resource.current.averageUtilization}' 2>/dev/null || true)"
  if [[ -n "$current" ]]; then exit 0; fi
  sleep 5
done
echo NO_CPU_UTILIZATION; exit 1
