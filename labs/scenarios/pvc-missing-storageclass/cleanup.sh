#!/usr/bin/env bash
# Removes everything setup made: the lab namespace (with all its objects), the volumes the
# provisioner created for its claims, and the reader's copy of the manifests.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

# The PersistentVolumes of this namespace's claims: the provisioner deletes them (reclaim policy
# Delete) shortly after the claims are gone.
lab_pvs() {
  kubectl get pv -o jsonpath="{range .items[?(@.spec.claimRef.namespace==\"$LAB_NAMESPACE\")]}{.metadata.name}{\"\n\"}{end}"
}
no_lab_pvs() { [[ -z "$(lab_pvs)" ]]; }

lab_delete_namespace
lab_wait_for 90 "the provisioner to delete the volumes of namespace $LAB_NAMESPACE" no_lab_pvs
rm -rf "$LAB_WORKDIR/manifests"
echo "cleaned: namespace $LAB_NAMESPACE and its volumes deleted"
