#!/usr/bin/env bash
# Passes when Deployment catalog has rolled out and its Pod stays Ready, with no restart, for
# 20 s (longer than the 15 s the liveness probe needs to condemn a container).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/catalog --timeout=90s >/dev/null 2>&1; then
  echo CATALOG_NOT_READY; exit 1
fi
if ! pods_stable app=catalog 20; then
  echo CATALOG_RESTARTING; exit 1
fi
