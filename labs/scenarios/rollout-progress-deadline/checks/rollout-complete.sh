#!/usr/bin/env bash
# Passes when the rollout of Deployment web has completed: every replica runs the current
# template and is available, and no old Pod is left.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=60s >/dev/null 2>&1; then
  echo ROLLOUT_NOT_COMPLETE; exit 1
fi
