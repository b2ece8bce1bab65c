#!/usr/bin/env bash
# Breaks the lab: stops the kubelet inside the kind node container k8s-labs-worker2 (stopping and
# restarting node containers is not supported by kind). After the node monitor grace period (50 s
# from Kubernetes 1.32) the node turns NotReady and its web Pod leaves Service web's ready
# endpoints, while kubectl still shows it Running. Idempotent.
#
# Cluster scope: this stops a node of the shared lab cluster. Run it for one learner at a time.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

# The kind cluster is k8s-labs (labs/cluster/kind-config.yaml); node containers carry node names.
node="k8s-labs-worker2"

# Ready endpoints of Service web, one per line.
ready_endpoints() {
  kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web \
    -o jsonpath='{range .items[*].endpoints[?(@.conditions.ready==true)]}{.addresses[0]}{"\n"}{end}'
}
ready_count() { ready_endpoints | grep -c . || true; }
two_ready() { [[ "$(ready_count)" -ge 2 ]]; }
fewer_than_two_ready() { [[ "$(ready_count)" -lt 2 ]]; }

# Every way this can fail says why in words, not with docker's raw error under set -e.
if ! command -v docker >/dev/null 2>&1; then
  echo "this lab stops the kubelet inside the kind node container $node and needs docker on PATH" >&2
  exit 1
fi
if ! daemon_error="$(docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null)"; then
  echo "the docker daemon is not reachable (${daemon_error%%$'\n'*}), so this lab cannot reach the kubelet of $node: start Docker, then run setup again" >&2
  exit 1
fi
if ! container_ips="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$node" 2>/dev/null)"; then
  echo "there is no docker container named $node on this machine, so this lab cannot reach its kubelet: the lab cluster has to be the kind cluster made here by npm run cluster:up" >&2
  exit 1
fi
# Stop nothing unless the docker container named like the node is that node of the cluster in
# KUBECONFIG (same IP): never a kubelet of some other cluster on this machine.
node_ip="$(kubectl get node "$node" -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}' 2>/dev/null || true)"
if [[ -z "$node_ip" || " $container_ips " != *" $node_ip "* ]]; then
  echo "the docker container $node is not the node $node of this lab cluster; not touching it" >&2
  exit 1
fi
# Start from a healthy node, whatever an earlier run left behind.
docker exec "$node" systemctl start kubelet
kubectl wait --for=condition=Ready "node/$node" --timeout=120s >/dev/null

lab_create_namespace
lab_restore_manifests
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
lab_wait_for 60 "Service web to list both web Pods" two_ready

docker exec "$node" systemctl stop kubelet
kubectl wait --for=condition=Ready=Unknown "node/$node" --timeout=150s >/dev/null
lab_wait_for 60 "the web Pod on $node to leave Service web's ready endpoints" fewer_than_two_ready
echo "ready: node $node is NotReady (its kubelet is stopped); Service web in namespace $LAB_NAMESPACE has lost one endpoint"
