#!/usr/bin/env bash
# Passes when Deployment api has rolled out: the container was created, found its password and is
# Ready.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/api --timeout=40s >/dev/null 2>&1; then
  echo POD_NOT_READY
  exit 1
fi
