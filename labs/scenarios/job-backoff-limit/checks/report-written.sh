#!/usr/bin/env bash
# Guard: the Job's log holds the report computed from the four orders, so replacing the work
# with a command that merely exits 0 is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" logs job/daily-report --tail=5 2>/dev/null | grep -qx 'report: 4 orders, total 187.40'; then
  echo REPORT_MISSING; exit 1
fi
