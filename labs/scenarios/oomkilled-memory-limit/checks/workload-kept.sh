#!/usr/bin/env bash
# Guard: the container still has a memory limit and still builds its 48 MiB index, so removing
# the limit or shrinking the work is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

container='{.spec.template.spec.containers[?(@.name=="report")]'
spec="$(kubectl -n "$LAB_NAMESPACE" get deployment report \
  -o jsonpath="${container}.resources.limits.memory}|${container}.args}" 2>/dev/null || true)"
if [[ -z "$spec" || "$spec" == "|"* ]]; then echo MEMORY_LIMIT_REMOVED; exit 1; fi
if [[ "$spec" != *"bs=48M count=1"* ]]; then echo WORKLOAD_CHANGED; exit 1; fi
