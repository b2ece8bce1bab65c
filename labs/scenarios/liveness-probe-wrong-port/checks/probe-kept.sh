#!/usr/bin/env bash
# Guard: the web container still has a liveness probe, so deleting the probe (and losing the
# restart of a hung nginx) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

probe="$(kubectl -n "$LAB_NAMESPACE" get deployment web \
  -o jsonpath='{.spec.template.spec.containers[?(@.name=="web")].livenessProbe}' 2>/dev/null || true)"
if [[ -z "$probe" ]]; then
  echo LIVENESS_PROBE_REMOVED
  exit 1
fi
