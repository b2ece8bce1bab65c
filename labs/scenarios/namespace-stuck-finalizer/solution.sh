#!/usr/bin/env bash
# The controller that owned the finalizer lab.k8s/cleanup is gone, so nobody will ever remove it.
# Removing it by hand lets the ConfigMap, and with it the namespace, go away. It also skips the
# cleanup the finalizer stood for: the snapshots listed in the ConfigMap stay in object storage
# until someone deletes them there.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

old="$LAB_NAMESPACE-old"
kubectl -n "$LAB_NAMESPACE-old" get configmap backup-state -o jsonpath='snapshots to delete by hand: {.data.snapshots}{"\n"}'
kubectl -n "$LAB_NAMESPACE-old" patch configmap backup-state --type=merge -p '{"metadata":{"finalizers":null}}'
kubectl wait --for=delete "namespace/$old" --timeout=90s
