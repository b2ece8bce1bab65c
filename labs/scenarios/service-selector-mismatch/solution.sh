#!/usr/bin/env bash
# Makes the Service select the label the Pods carry now. The other way round does not work in
# place: a Deployment's spec.selector is immutable.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch service web -p '{"spec": {"selector": {"app": "storefront"}}}'
kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web
