#!/usr/bin/env bash
# npm run cluster:up — creates the lab cluster once and gets it ready for the cluster labs:
#   1. checks docker (client and daemon), kind >= v0.24.0 and kubectl, naming what is missing;
#   2. creates the kind cluster k8s-labs from kind-config.yaml, unless it exists already;
#   3. writes its kubeconfig (context kind-k8s-labs) to <repo>/.lab-cluster/kubeconfig;
#   4. pulls and preloads every image listed under images: in labs/scenarios/*/lab.yaml (and
#      the add-ons' images);
#   5. installs the add-ons in addons/ (metrics-server).
# Safe to run again: each step keeps what is already there. It never touches ~/.kube/config.
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

info "Checking tools"
if ! check_tools; then
  die "install what is missing above, then run 'npm run cluster:up' again"
fi

info "Cluster"
if cluster_exists; then
  ok "kind cluster ${CLUSTER_NAME} exists; keeping it"
else
  info "  creating kind cluster ${CLUSTER_NAME} (1 control plane, 2 workers); the first run downloads the node image"
  # --kubeconfig keeps kind from writing into ~/.kube/config; --wait returns only once the nodes
  # are Ready, not when the API server first answers.
  mkdir -p "$STATE_DIR"
  kind create cluster --name "$CLUSTER_NAME" --config "$KIND_CONFIG" \
    --kubeconfig "$KUBECONFIG_FILE" --wait "$NODE_READY_TIMEOUT"
fi

mkdir -p "$STATE_DIR"
chmod 700 "$STATE_DIR"
tmp="$(mktemp "$STATE_DIR/kubeconfig.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
kind get kubeconfig --name "$CLUSTER_NAME" >"$tmp"
chmod 600 "$tmp"
mv "$tmp" "$KUBECONFIG_FILE"
trap - EXIT
ok "kubeconfig written to ${KUBECONFIG_FILE#"$REPO_ROOT"/} (context ${CLUSTER_CONTEXT})"

if ! lab_kubectl wait --for=condition=Ready nodes --all --timeout="$NODE_READY_TIMEOUT" >/dev/null; then
  die "nodes are not Ready after ${NODE_READY_TIMEOUT}; see 'kubectl --kubeconfig .lab-cluster/kubeconfig describe nodes'"
fi
ok "$(lab_kubectl get nodes --no-headers | wc -l | tr -d ' ') nodes Ready"

info "Images"
# The platform the daemon stores images for, for the docker save fallback below.
platform="$(docker version --format '{{.Server.Os}}/{{.Server.Arch}}')"
image_list="$(lab_images)" || die "cannot read the images listed in labs/scenarios/*/lab.yaml"
if [[ -z "$image_list" ]]; then
  ok "no lab lists an image yet"
fi
# Image references have no spaces, so word splitting is safe here (and works in macOS's bash 3.2).
for image in $image_list; do
  # Pull only what is not on the machine yet, so cluster:up also works offline once images are here.
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    info "  pulling $image"
    docker pull --quiet "$image" >/dev/null || die "cannot pull $image; check the network or 'docker login', then run 'npm run cluster:up' again"
  fi
  if ! kind load docker-image "$image" --name "$CLUSTER_NAME" >/dev/null 2>&1; then
    # With Docker's containerd image store, `docker save` of a multi-platform image names
    # platforms whose layers were never pulled, and kind's import fails with "content digest
    # ... not found" (kubernetes-sigs/kind#3795). Saving one platform avoids it.
    archive="$(mktemp "${TMPDIR:-/tmp}/lab-image.XXXXXX")"
    if ! docker image save --platform "$platform" --output "$archive" "$image" \
      || ! kind load image-archive "$archive" --name "$CLUSTER_NAME" >/dev/null; then
      rm -f "$archive"
      die "cannot load $image into the cluster; run 'kind load docker-image $image --name $CLUSTER_NAME' to see why"
    fi
    rm -f "$archive"
  fi
  ok "$image loaded on every node"
done

info "Add-ons"
# shellcheck source=addons/addons.sh source-path=SCRIPTDIR
. "$CLUSTER_DIR/addons/addons.sh" && install_addons

info ""
info "Ready. Cluster labs use .lab-cluster/kubeconfig; check it any time with 'npm run cluster:status'."
