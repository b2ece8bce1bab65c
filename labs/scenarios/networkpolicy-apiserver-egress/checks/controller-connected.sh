#!/usr/bin/env bash
# Passes when the controller has rolled out, stays Ready with no restart for 15 s, and its log
# shows it reaching the API server (so replacing its command is no fix).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" rollout status deployment/controller --timeout=30s >/dev/null 2>&1 \
  || ! pods_stable app=controller 15; then
  echo CONTROLLER_CRASHING; exit 1
fi
if ! kubectl -n "$LAB_NAMESPACE" logs deployment/controller --tail=3 2>/dev/null | grep -q 'ok: API server answered'; then
  echo API_SERVER_UNREACHABLE; exit 1
fi
