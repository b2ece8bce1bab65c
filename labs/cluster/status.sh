#!/usr/bin/env bash
# npm run cluster:status — prints what exists and what is missing for the cluster labs, with the
# command that fixes each gap. Exits 0 only when the labs can run: tools present, cluster up,
# kubeconfig in place, API ready, all nodes Ready, every lab image loaded on every node, add-ons
# (metrics-server) serving.
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

failed=0
info "Tools"
check_tools || failed=1
if ((failed)); then
  die "install what is missing above, then run 'npm run cluster:up'"
fi

info "Cluster ${CLUSTER_NAME}"
if ! cluster_exists; then
  missing "kind cluster ${CLUSTER_NAME}"
  fix "create it: npm run cluster:up"
  exit 1
fi
ok "kind cluster ${CLUSTER_NAME} exists"

if [[ ! -s "$KUBECONFIG_FILE" ]]; then
  missing "kubeconfig ${KUBECONFIG_FILE#"$REPO_ROOT"/}"
  fix "write it: npm run cluster:up"
  exit 1
fi
current="$(kubectl --kubeconfig "$KUBECONFIG_FILE" config current-context 2>/dev/null || true)"
if [[ "$current" != "$CLUSTER_CONTEXT" ]]; then
  missing "kubeconfig context ${CLUSTER_CONTEXT} (current context is '${current}')"
  fix "rewrite it: npm run cluster:up"
  failed=1
else
  ok "kubeconfig ${KUBECONFIG_FILE#"$REPO_ROOT"/} (context ${CLUSTER_CONTEXT})"
fi

if ! lab_kubectl get --raw /readyz >/dev/null 2>&1; then
  missing "API server answering /readyz"
  fix "the node containers may be stopped: 'docker ps -a --filter label=io.x-k8s.kind.cluster=${CLUSTER_NAME}';"
  fix "recreate the cluster: npm run cluster:down && npm run cluster:up"
  exit 1
fi
ok "API server is ready"

nodes="$(lab_kubectl get nodes --no-headers 2>/dev/null || true)"
total="$(grep -c . <<<"$nodes" || true)"
not_ready="$(awk '$2 != "Ready" {print $1}' <<<"$nodes")"
if ((total < 3)) || [[ -n "$not_ready" ]]; then
  missing "3 Ready nodes (have ${total}; not Ready: ${not_ready:-none})"
  fix "inspect: kubectl --kubeconfig .lab-cluster/kubeconfig describe nodes"
  failed=1
else
  ok "${total} nodes Ready"
fi

info "Images"
image_list="$(lab_images)" || die "cannot read the images listed in labs/scenarios/*/lab.yaml"
node_names="$(kind get nodes --name "$CLUSTER_NAME")"
# Image and node names have no spaces, so word splitting is safe here (and works in bash 3.2).
for image in $image_list; do
  absent=""
  for node in $node_names; do
    # kind load stores images under the docker.io/library/ name for official images.
    if ! docker exec "$node" crictl inspecti "$image" >/dev/null 2>&1; then
      absent+=" $node"
    fi
  done
  if [[ -n "$absent" ]]; then
    missing "$image on:${absent}"
    fix "load it: npm run cluster:up"
    failed=1
  else
    ok "$image on every node"
  fi
done

info "Add-ons"
# shellcheck source=addons/addons.sh source-path=SCRIPTDIR
. "$CLUSTER_DIR/addons/addons.sh"
check_addons || failed=1

if ((failed)); then
  info "Not ready: fix what is MISSING above."
  exit 1
fi
info "Ready for the cluster labs."
