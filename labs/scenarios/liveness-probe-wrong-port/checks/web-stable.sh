#!/usr/bin/env bash
# Passes when Deployment web has rolled out and its Pod stays Ready, with no restart, for 25 s
# (longer than the 10 s the liveness probe needs to condemn a container).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=40s >/dev/null 2>&1; then
  echo POD_NOT_READY
  exit 1
fi
if ! pods_stable app=web 25; then
  echo POD_RESTARTING
  exit 1
fi
