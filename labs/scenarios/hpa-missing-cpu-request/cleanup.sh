#!/usr/bin/env bash
# Removes everything setup made: the lab namespace (with the HPA and the Deployment) and the
# reader's copy of the manifests. metrics-server belongs to the lab cluster and stays.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_delete_namespace
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: namespace $LAB_NAMESPACE deleted"
