#!/usr/bin/env bash
# Passes when nginx's page comes back through Service web from the client Pod (tried up to 5
# times, 3 s apart, so kube-proxy has time to follow a change).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in 1 2 3 4 5; do
  if kubectl -n "$LAB_NAMESPACE" exec client -- wget -q -T 3 -O - http://web/ 2>/dev/null | grep -q 'Welcome to nginx'; then
    exit 0
  fi
  sleep 3
done
echo SERVICE_UNREACHABLE
exit 1
