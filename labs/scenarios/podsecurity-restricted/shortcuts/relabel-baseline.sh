#!/usr/bin/env bash
# Shortcut the guard must refuse: lower the namespace's enforced level to baseline, which admits
# the Pods as they are.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl label namespace "$LAB_NAMESPACE" pod-security.kubernetes.io/enforce=baseline --overwrite
