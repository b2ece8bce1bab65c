#!/usr/bin/env bash
# Shortcut the guard must refuse: delete every NetworkPolicy in the namespace, so DNS works
# because nothing is filtered any more.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" delete networkpolicy --all
