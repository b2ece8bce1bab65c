#!/usr/bin/env bash
# Guard: ResourceQuota compute still exists with the hard limits the platform team set, so
# deleting or loosening the quota is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

hard="$(kubectl -n "$LAB_NAMESPACE" get resourcequota compute -o jsonpath='{.spec.hard.pods} {.spec.hard.requests\.cpu} {.spec.hard.requests\.memory} {.spec.hard.limits\.cpu} {.spec.hard.limits\.memory}' 2>/dev/null || true)"
if [[ "$hard" != "4 500m 256Mi 1 512Mi" ]]; then
  echo QUOTA_CHANGED; exit 1
fi
