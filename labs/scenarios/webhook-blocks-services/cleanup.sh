#!/usr/bin/env bash
# Removes everything setup made: the ValidatingWebhookConfiguration named after the namespace,
# the lab namespace (with all its objects) and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl delete validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" --ignore-not-found >/dev/null
lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: webhook configuration $LAB_NAMESPACE-service-policy and namespace $LAB_NAMESPACE deleted"
