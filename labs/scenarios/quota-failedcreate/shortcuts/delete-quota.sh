#!/usr/bin/env bash
# Shortcut checks/quota-kept.sh must refuse: delete the ResourceQuota, so nothing caps the
# namespace any more.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete resourcequota compute >/dev/null
