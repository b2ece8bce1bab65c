#!/usr/bin/env bash
# Shared by up.sh, down.sh and status.sh: names, paths, messages and the tool checks.
# Sourced, not run.
# The constants are used by the scripts that source this file, which shellcheck cannot see here:
# shellcheck disable=SC2034

CLUSTER_NAME="k8s-labs"
# The context kind writes into the kubeconfig; the runner and labs:verify accept only this one.
CLUSTER_CONTEXT="kind-${CLUSTER_NAME}"
# kind v0.24.0 is the first release whose default CNI enforces NetworkPolicy.
MIN_KIND_VERSION="0.24.0"
# The release that documents the node image pinned in kind-config.yaml.
PINNED_KIND_VERSION="0.27.0"
# How long `kind create cluster --wait` and the node check wait for Ready nodes.
NODE_READY_TIMEOUT="120s"

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_DIR/../.." && pwd)"
STATE_DIR="$REPO_ROOT/.lab-cluster"
KUBECONFIG_FILE="$STATE_DIR/kubeconfig"
# Written by up.sh next to the kubeconfig: what makes this cluster the lab cluster
# (labs/lib/cluster-identity.ts); the runner and labs:verify refuse any other.
IDENTITY_FILE="$STATE_DIR/identity.json"
KIND_CONFIG="$CLUSTER_DIR/kind-config.yaml"

info() { printf '%s\n' "$*"; }
ok() { printf '  ok       %s\n' "$*"; }
missing() { printf '  MISSING  %s\n' "$*"; }
fix() { printf '           %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# version_ge A B: true when version A (x.y.z) is at least B.
version_ge() {
  local IFS=.
  local -a a b
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  local i
  for i in 0 1 2; do
    if ((${a[i]:-0} > ${b[i]:-0})); then return 0; fi
    if ((${a[i]:-0} < ${b[i]:-0})); then return 1; fi
  done
  return 0
}

# kind_version: prints the installed kind's version as x.y.z (kind prints "kind v0.27.0 go1.23 ...").
kind_version() {
  kind version 2>/dev/null | sed -n 's/^kind v\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*/\1/p'
}

# check_tools: reports each tool the cluster needs; returns non-zero when any is missing.
check_tools() {
  local failed=0 version daemon_error
  if command -v docker >/dev/null 2>&1; then
    ok "docker client ($(command -v docker))"
    if daemon_error="$(docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null)"; then
      ok "docker daemon is running"
    else
      missing "docker daemon is not reachable: ${daemon_error%%$'\n'*}"
      fix "start it: 'sudo systemctl start docker' (Linux) or open Docker Desktop (macOS, Windows);"
      fix "on 'permission denied', add yourself to the docker group: 'sudo usermod -aG docker \$USER', then log in again"
      failed=1
    fi
  else
    missing "docker"
    fix "install Docker Engine (https://docs.docker.com/engine/install/) or Docker Desktop"
    failed=1
  fi
  if command -v kind >/dev/null 2>&1; then
    version="$(kind_version)"
    if [[ -z "$version" ]]; then
      missing "kind: cannot read its version from 'kind version'"
      fix "install kind v${PINNED_KIND_VERSION}: 'go install sigs.k8s.io/kind@v${PINNED_KIND_VERSION}' or https://kind.sigs.k8s.io/docs/user/quick-start/#installation"
      failed=1
    elif ! version_ge "$version" "$MIN_KIND_VERSION"; then
      missing "kind >= v${MIN_KIND_VERSION} (found v${version}; older releases do not enforce NetworkPolicy)"
      fix "upgrade: 'go install sigs.k8s.io/kind@v${PINNED_KIND_VERSION}' or https://kind.sigs.k8s.io/docs/user/quick-start/#installation"
      failed=1
    else
      ok "kind v${version}"
      if ! version_ge "$version" "$PINNED_KIND_VERSION"; then
        info "           note: the node image in kind-config.yaml is documented for kind v${PINNED_KIND_VERSION}; upgrade kind if the cluster fails to start"
      fi
    fi
  else
    missing "kind"
    fix "install kind v${PINNED_KIND_VERSION}: 'go install sigs.k8s.io/kind@v${PINNED_KIND_VERSION}', 'brew install kind', or https://kind.sigs.k8s.io/docs/user/quick-start/#installation"
    failed=1
  fi
  if command -v kubectl >/dev/null 2>&1; then
    ok "kubectl ($(kubectl version --client 2>/dev/null | sed -n 's/^Client Version: //p'))"
  else
    missing "kubectl"
    fix "install kubectl 1.32: https://kubernetes.io/docs/tasks/tools/ (or 'brew install kubectl')"
    failed=1
  fi
  return "$failed"
}

# cluster_exists: true when kind knows a cluster named $CLUSTER_NAME.
cluster_exists() {
  kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"
}

# lab_images: every image the labs list in lab.yaml, one per line.
lab_images() {
  node "$CLUSTER_DIR/lab-images.mjs"
}

# cluster_identity record|check KUBECONFIG CONTEXT: labs/cluster/identity.ts, run with the
# project's tsx (npm ci installs it).
cluster_identity() {
  local tsx="$REPO_ROOT/node_modules/.bin/tsx"
  if [[ ! -x "$tsx" ]]; then
    printf 'tsx is not installed in node_modules: run npm ci first\n' >&2
    return 1
  fi
  "$tsx" "$CLUSTER_DIR/identity.ts" "$@"
}

# lab_kubectl ARGS...: kubectl against the lab cluster only, never the reader's current context.
lab_kubectl() {
  kubectl --kubeconfig "$KUBECONFIG_FILE" --context "$CLUSTER_CONTEXT" "$@"
}
