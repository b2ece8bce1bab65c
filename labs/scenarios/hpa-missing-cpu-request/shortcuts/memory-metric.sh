#!/usr/bin/env bash
# Shortcut the guard must refuse: switch the HPA to an absolute memory target, which needs no
# request and no longer scales on CPU.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch hpa api --type=merge -p '{"spec": {"metrics": [
  {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "64Mi"}}}
]}}'
