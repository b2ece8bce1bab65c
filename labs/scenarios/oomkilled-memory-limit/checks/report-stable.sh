#!/usr/bin/env bash
# Passes when Deployment report has rolled out and its Pod stays Ready, with no restart, for 20 s.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/report --timeout=40s >/dev/null 2>&1; then
  echo POD_NOT_READY
  exit 1
fi
if ! pods_stable app=report 20; then
  echo POD_RESTARTING
  exit 1
fi
