#!/usr/bin/env bash
# Guard: web still runs nginx 1.27, the version the change asked for, so swapping in some other
# image that happens to be on the node is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

image="$(kubectl -n "$LAB_NAMESPACE" get deployment web -o jsonpath='{.spec.template.spec.containers[?(@.name=="web")].image}' 2>/dev/null || true)"
if [[ ! "$image" =~ ^(docker\.io/(library/)?)?nginx:1\.27$ ]]; then
  echo IMAGE_CHANGED
  exit 1
fi
