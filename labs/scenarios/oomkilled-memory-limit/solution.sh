#!/usr/bin/env bash
# Sizes the memory for what the container really uses: 48 MiB of index plus the shell and some
# headroom. Requests equal to limits keep the Pod's memory guaranteed on the node.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" set resources deployment/report -c report \
  --requests=memory=96Mi --limits=memory=96Mi
kubectl -n "$LAB_NAMESPACE" rollout status deployment/report --timeout=90s
