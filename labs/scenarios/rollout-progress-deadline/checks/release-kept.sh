#!/usr/bin/env bash
# Guard: Deployment web still runs three replicas with its rolling-update strategy, on release
# 2.0 (ConfigMap web-v2, which still answers /version with "web 2.0"), so scaling down, changing
# the strategy or rolling back to 1.0 is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

spec="$(kubectl -n "$LAB_NAMESPACE" get deployment web -o jsonpath='{.spec.replicas} {.spec.strategy.type} {.spec.strategy.rollingUpdate.maxUnavailable}|{.spec.template.spec.volumes[?(@.name=="site")].configMap.name}' 2>/dev/null || true)"
if [[ "${spec%|*}" != "3 RollingUpdate 0" ]]; then echo DEPLOYMENT_CHANGED; exit 1; fi
if [[ "${spec#*|}" != "web-v2" ]]; then echo ROLLED_BACK; exit 1; fi
if ! kubectl -n "$LAB_NAMESPACE" get configmap web-v2 -o jsonpath='{.data.default\.conf}' 2>/dev/null | grep -q '"web 2.0'; then
  echo RELEASE_DROPPED; exit 1
fi
