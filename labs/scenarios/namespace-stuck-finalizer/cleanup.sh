#!/usr/bin/env bash
# Removes everything setup made, from any state the lab can be left in: the namespace
# <lab namespace>-old (Terminating, gone, or forced away with its ConfigMap still stored: its
# finalizers are released either way), the lab namespace and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

old="$LAB_NAMESPACE-old"
lab_release_finalizers "$old" configmaps
kubectl delete namespace "$old" --ignore-not-found --wait=true --timeout=100s >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: namespaces $old and $LAB_NAMESPACE deleted"
