#!/usr/bin/env bash
# Passes when node k8s-labs-worker2 is Ready, and still Ready 10 s later (a kubelet that was
# started but fails again would flip it back).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for wait in 30s 5s; do
  if ! kubectl wait --for=condition=Ready node/k8s-labs-worker2 --timeout="$wait" >/dev/null 2>&1; then
    echo NODE_NOT_READY; exit 1
  fi
  [[ "$wait" == 5s ]] || sleep 10
done
