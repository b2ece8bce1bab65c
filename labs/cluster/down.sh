#!/usr/bin/env bash
# npm run cluster:down — deletes the lab cluster k8s-labs, its kubeconfig and its recorded identity
# in .lab-cluster/.
# Nothing else: other kind clusters and ~/.kube/config are left alone. Safe to run again.
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if ! command -v kind >/dev/null 2>&1; then
  die "kind is not installed, so there is no kind cluster to delete (install: https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
fi
if cluster_exists; then
  info "Deleting kind cluster ${CLUSTER_NAME}"
  kind delete cluster --name "$CLUSTER_NAME" --kubeconfig "$KUBECONFIG_FILE"
else
  info "There is no kind cluster named ${CLUSTER_NAME}; nothing to delete"
fi
rm -f "$KUBECONFIG_FILE" "$IDENTITY_FILE"
info "Done. 'npm run cluster:up' creates it again."
