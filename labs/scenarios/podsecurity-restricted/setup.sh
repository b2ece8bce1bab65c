#!/usr/bin/env bash
# Breaks the lab: the namespace enforces the restricted Pod Security Standard
# (pod-security.kubernetes.io/enforce=restricted) and Deployment web's Pod template sets no
# securityContext. Pod Security admission refuses every Pod the ReplicaSet tries to create
# (FailedCreate, violates PodSecurity "restricted:latest"), so no Pod appears. Idempotent.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

lab_create_namespace
lab_restore_manifests
kubectl label namespace "$LAB_NAMESPACE" pod-security.kubernetes.io/enforce=restricted --overwrite >/dev/null
# The API server answers the Deployment with "Warning: would violate PodSecurity ..."; keep it out
# of setup's output, since finding the refusal on the ReplicaSet is the reader's job.
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/deployment.yaml" \
  2> >(grep -v '^Warning: would violate PodSecurity' >&2) >/dev/null
kubectl -n "$LAB_NAMESPACE" wait --for=condition=ReplicaFailure deployment/web --timeout=60s >/dev/null
echo "ready: Deployment web in namespace $LAB_NAMESPACE has no Pods; its ReplicaSet reports FailedCreate"
