#!/usr/bin/env bash
# Shortcut the guard must refuse: roll back to release 1.0, which completes the rollout and
# drops release 2.0.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" rollout undo deployment/web
