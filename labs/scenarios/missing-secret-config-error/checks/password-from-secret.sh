#!/usr/bin/env bash
# Guard: DB_PASSWORD still comes from a Secret, so pasting the password into the Deployment is no
# fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

ref="$(kubectl -n "$LAB_NAMESPACE" get deployment api \
  -o jsonpath='{.spec.template.spec.containers[?(@.name=="api")].env[?(@.name=="DB_PASSWORD")].valueFrom.secretKeyRef.name}' 2>/dev/null || true)"
if [[ -z "$ref" ]]; then
  echo PASSWORD_NOT_FROM_SECRET
  exit 1
fi
