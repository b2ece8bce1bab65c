#!/usr/bin/env bash
# Passes when the client's latest log line is a successful call to http://backend/ (rechecked
# for up to about 60 s: a lookup that is still timing out when the fix lands takes that long).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in $(seq 20); do
  if kubectl -n "$LAB_NAMESPACE" logs deployment/client --tail=1 2>/dev/null | grep -q 'ok: backend answered'; then
    exit 0
  fi
  sleep 3
done
echo BACKEND_NAME_UNRESOLVED; exit 1
