#!/usr/bin/env bash
# Guard: the running app still loads its config file, so replacing its command is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" logs deployment/web --tail=20 2>/dev/null | grep -q 'config loaded from'; then
  echo CONFIG_NOT_LOADED
  exit 1
fi
