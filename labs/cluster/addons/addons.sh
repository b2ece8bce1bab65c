#!/usr/bin/env bash
# Cluster add-ons the labs need beyond what kind installs: today metrics-server, for the HPA lab.
# Sourced by up.sh (install_addons, after the images are preloaded) and status.sh
# (check_addons), after common.sh. Kept in its own file so the cluster scripts change by one line
# each.

ADDONS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# metrics-server's readiness probe starts after 20 s and its first scrape takes up to 15 s more.
ADDON_READY_TIMEOUT="180s"

# install_addons: applies every manifest in addons/ (kubectl apply keeps what is already there)
# and waits until the metrics API answers.
install_addons() {
  local manifest
  for manifest in "$ADDONS_DIR"/*.yaml; do
    lab_kubectl apply -f "$manifest" >/dev/null || die "cannot apply ${manifest#"$REPO_ROOT"/}"
  done
  if ! lab_kubectl -n kube-system rollout status deployment/metrics-server --timeout="$ADDON_READY_TIMEOUT" >/dev/null \
    || ! lab_kubectl wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout="$ADDON_READY_TIMEOUT" >/dev/null; then
    die "metrics-server did not become available; see 'kubectl --kubeconfig .lab-cluster/kubeconfig -n kube-system logs deployment/metrics-server'"
  fi
  ok "metrics-server is serving the metrics API"
}

# check_addons: reports each add-on; returns non-zero when one is not serving.
check_addons() {
  if lab_kubectl wait --for=condition=Available apiservice/v1beta1.metrics.k8s.io --timeout=5s >/dev/null 2>&1; then
    ok "metrics-server is serving the metrics API"
  else
    missing "metrics-server (APIService v1beta1.metrics.k8s.io is not Available)"
    fix "install it: npm run cluster:up"
    return 1
  fi
}
