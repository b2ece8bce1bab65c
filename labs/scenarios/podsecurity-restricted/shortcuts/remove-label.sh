#!/usr/bin/env bash
# Shortcut the guard must refuse: remove the enforce label, so the cluster's default (privileged,
# unless the admission configuration says otherwise) applies.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl label namespace "$LAB_NAMESPACE" pod-security.kubernetes.io/enforce-
