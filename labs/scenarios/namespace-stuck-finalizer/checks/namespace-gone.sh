#!/usr/bin/env bash
# Passes when the API server confirms that the namespace <lab namespace>-old is gone (rechecked
# for up to about 20 s while the namespace controller finishes).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for _ in 1 2 3 4 5 6 7; do
  if found="$(kubectl get namespace "$LAB_NAMESPACE-old" --ignore-not-found -o name 2>/dev/null)" && [[ -z "$found" ]]; then exit 0; fi
  sleep 3
done
echo NAMESPACE_STILL_TERMINATING; exit 1
