#!/usr/bin/env bash
# Shortcut checks/egress-still-denied.sh must refuse: delete the default deny. The controller
# reaches the API server again, and so does everything else in the namespace, anywhere.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete networkpolicy default-deny-egress >/dev/null
# The crash-looping Pod may sit in a back-off of up to 5 minutes; start a fresh one.
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/controller >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/controller --timeout=120s >/dev/null
