#!/usr/bin/env bash
# Gives the Pod template of Deployment web a toleration for the taint that reserves the workers
# for this namespace. The taint stays: it keeps every other workload off those nodes.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=json -p "[
  {\"op\": \"add\", \"path\": \"/spec/template/spec/tolerations\", \"value\": [
    {\"key\": \"lab.k8s/$LAB_NAMESPACE\", \"operator\": \"Equal\", \"value\": \"reserved\", \"effect\": \"NoSchedule\"}
  ]}
]"
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
