#!/usr/bin/env bash
# Guard: HorizontalPodAutoscaler api still scales Deployment api on one metric, average CPU
# utilization at 50%, so deleting the HPA or switching it to another metric is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

target="$(kubectl -n "$LAB_NAMESPACE" get hpa api -o jsonpath='{.spec.scaleTargetRef.kind}/{.spec.scaleTargetRef.name} {range .spec.metrics[*]}{.type}:{.resource.name}:{.resource.target.type}:{.resource.target.averageUtilization} {end}' 2>/dev/null || true)"
if [[ -z "$target" ]]; then echo HPA_REMOVED; exit 1; fi
if [[ "$target" != "Deployment/api Resource:cpu:Utilization:50 " ]]; then echo HPA_TARGET_CHANGED; exit 1; fi
