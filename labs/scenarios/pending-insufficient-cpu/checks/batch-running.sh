#!/usr/bin/env bash
# Passes when Deployment batch has rolled out: its Pod was scheduled, started and is Ready.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/batch --timeout=40s >/dev/null 2>&1; then
  echo POD_NOT_RUNNING
  exit 1
fi
