#!/usr/bin/env bash
# Shortcut checks/selector-matches-deployment.sh must refuse: relabel the running Pods to what
# the Service selects. The Service finds them until the next rollout replaces them.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" label pods -l app=storefront app=web --overwrite >/dev/null
