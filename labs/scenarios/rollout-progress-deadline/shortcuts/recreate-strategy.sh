#!/usr/bin/env bash
# Shortcut the guard must refuse: switch to the Recreate strategy, which stops every old Pod
# first and takes the site down while the new ones fail.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=merge -p '{"spec": {"strategy": {"type": "Recreate", "rollingUpdate": null}}}'
