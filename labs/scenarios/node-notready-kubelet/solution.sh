#!/usr/bin/env bash
# Starts the kubelet again inside the kind node container. It re-registers, posts status, and the
# node turns Ready; it then reports its Pods, which rejoin Service web's ready endpoints.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

docker exec k8s-labs-worker2 systemctl start kubelet
docker exec k8s-labs-worker2 systemctl is-active kubelet
kubectl wait --for=condition=Ready node/k8s-labs-worker2 --timeout=120s
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web
