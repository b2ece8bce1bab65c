#!/usr/bin/env bash
# Breaks the lab: both worker nodes get the taint lab.k8s/<namespace>=reserved:NoSchedule, named
# after this lab's namespace so learners never share it. The control plane keeps its own
# node-role.kubernetes.io/control-plane:NoSchedule taint, so the Pods of Deployment web, which
# tolerate neither, fit on no node and stay Pending. Idempotent.
#
# Cluster scope: while the taint is on, new Pods of other labs cannot land on the workers either.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

taint_key="lab.k8s/$LAB_NAMESPACE"

lab_create_namespace
lab_restore_manifests
workers="$(kubectl get nodes -l '!node-role.kubernetes.io/control-plane' -o jsonpath='{.items[*].metadata.name}')"
if [[ -z "$workers" ]]; then
  echo "no worker nodes found: the lab cluster needs its two workers (npm run cluster:up)" >&2
  exit 1
fi
for node in $workers; do
  kubectl taint nodes "$node" "$taint_key=reserved:NoSchedule" --overwrite >/dev/null
done
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/" >/dev/null
lab_wait_for 60 "the scheduler to report the web Pods unschedulable" \
  lab_pods_match app=web '{.items[*].status.conditions[?(@.type=="PodScheduled")].reason}' 'Unschedulable'
echo "ready: the Pods of Deployment web in namespace $LAB_NAMESPACE are Pending (taint $taint_key on: $workers)"
