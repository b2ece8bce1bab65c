#!/usr/bin/env bash
# Passes when ServiceAccount pod-lister may list and watch Pods in its own namespace and the
# pod-lister's latest call succeeded (rechecked for up to about 15 s, its polling period).
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

for verb in list watch; do
  [[ "$(kubectl auth can-i "$verb" pods -n "$LAB_NAMESPACE" --as="system:serviceaccount:$LAB_NAMESPACE:pod-lister" 2>/dev/null || true)" == yes ]] || { echo PODS_FORBIDDEN; exit 1; }
done
for _ in 1 2 3 4 5; do
  if kubectl -n "$LAB_NAMESPACE" logs deployment/pod-lister --tail=1 2>/dev/null | grep -q 'ok: listed pods'; then exit 0; fi
  sleep 3
done
echo LISTER_STILL_FAILING; exit 1
