#!/usr/bin/env bash
# Passes when Deployment notes has rolled out: its Pod is Running with its volume mounted and has
# written to it (the readiness probe reads the file it wrote there).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/notes --timeout=60s >/dev/null 2>&1; then
  echo POD_NOT_READY
  exit 1
fi
