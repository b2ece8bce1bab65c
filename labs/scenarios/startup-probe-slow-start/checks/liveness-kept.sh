#!/usr/bin/env bash
# Guard: the catalog container keeps its liveness probe on /healthz with the original period
# (5 s), threshold (3) and no initial delay, so deleting or loosening the probe is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

probe="$(kubectl -n "$LAB_NAMESPACE" get deployment catalog -o jsonpath='{range .spec.template.spec.containers[?(@.name=="catalog")].livenessProbe}{.httpGet.path} {.periodSeconds} {.failureThreshold} {.initialDelaySeconds}{end}' 2>/dev/null || true)"
if [[ -z "$probe" ]]; then echo LIVENESS_PROBE_REMOVED; exit 1; fi
if [[ ! "$probe" =~ ^/healthz\ 5\ 3\ 0?$ ]]; then echo LIVENESS_PROBE_LOOSENED; exit 1; fi
