#!/usr/bin/env bash
# Passes when Job daily-report has completed.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" wait --for=condition=Complete job/daily-report --timeout=60s >/dev/null 2>&1; then
  echo JOB_NOT_COMPLETE; exit 1
fi
