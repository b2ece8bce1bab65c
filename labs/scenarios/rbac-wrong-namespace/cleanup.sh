#!/usr/bin/env bash
# Removes everything setup made: the namespace <lab namespace>-other, the lab namespace (with all
# their objects) and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl delete namespace "$LAB_NAMESPACE-other" --ignore-not-found --wait=true --timeout=100s >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: namespaces $LAB_NAMESPACE-other and $LAB_NAMESPACE deleted"
