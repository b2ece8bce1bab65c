#!/usr/bin/env bash
# Guard: notes still keeps /data on a PersistentVolumeClaim and that claim is Bound, so swapping
# the claim for an emptyDir (data lost on every restart) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

claim="$(kubectl -n "$LAB_NAMESPACE" get deployment notes -o jsonpath='{.spec.template.spec.volumes[?(@.name=="data")].persistentVolumeClaim.claimName}' 2>/dev/null || true)"
phase="$(kubectl -n "$LAB_NAMESPACE" get pvc "${claim:-none}" -o jsonpath='{.status.phase}' 2>/dev/null || true)"
if [[ -z "$claim" || "$phase" != Bound ]]; then
  echo VOLUME_NOT_PERSISTENT; exit 1
fi
