#!/usr/bin/env bash
# Guard: the web container still has an HTTP readiness probe, so deleting the probe (and sending
# traffic to Pods nobody checked) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

path="$(kubectl -n "$LAB_NAMESPACE" get deployment web \
  -o jsonpath='{.spec.template.spec.containers[?(@.name=="web")].readinessProbe.httpGet.path}' 2>/dev/null || true)"
if [[ -z "$path" ]]; then
  echo READINESS_PROBE_REMOVED
  exit 1
fi
