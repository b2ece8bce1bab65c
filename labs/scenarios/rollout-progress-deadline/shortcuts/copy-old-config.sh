#!/usr/bin/env bash
# Shortcut the guard must refuse: overwrite ConfigMap web-v2 with release 1.0's file, which
# passes the probe and quietly ships 1.0 under the 2.0 name.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

conf="$(kubectl -n "$LAB_NAMESPACE" get configmap web-v1 -o jsonpath='{.data.default\.conf}')"
manifest="$(kubectl create configmap web-v2 --from-literal=default.conf="$conf" --dry-run=client -o yaml \
  | kubectl label --local -f - lab="$LAB_ID" app=web -o yaml)"
kubectl -n "$LAB_NAMESPACE" replace -f - <<<"$manifest"
