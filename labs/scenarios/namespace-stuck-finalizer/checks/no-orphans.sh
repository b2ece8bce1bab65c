#!/usr/bin/env bash
# Guard: the API server confirms that no ConfigMap of the old namespace is left. Forcing the
# namespace itself away (its finalize subresource) makes it disappear but leaves its objects in
# etcd, unowned.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

left="$(kubectl -n "$LAB_NAMESPACE-old" get configmaps -l lab="$LAB_ID" -o name 2>/dev/null)" || { echo OBJECTS_LEFT_BEHIND; exit 1; }
if [[ "$left" ]]; then
  echo OBJECTS_LEFT_BEHIND; exit 1
fi
