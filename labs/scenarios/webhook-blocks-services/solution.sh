#!/usr/bin/env bash
# The service-policy webhook only checks labels, and its server is gone. Until its owners bring
# it back, let the API server admit Services when the webhook cannot be called (failurePolicy
# Ignore) instead of deleting a configuration that belongs to another team. The change is made in
# manifests/service-policy-webhook.yaml, the configuration's source, and applied from there: a
# GitOps sync would revert an edit made only in the cluster. Then the Service is created.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

webhook_file="$LAB_WORKDIR/manifests/service-policy-webhook.yaml"
sed 's/^\( *failurePolicy:\) Fail$/\1 Ignore/' "$webhook_file" >"$webhook_file.new"
mv "$webhook_file.new" "$webhook_file"
grep -q '^ *failurePolicy: Ignore$' "$webhook_file"
kubectl apply -f "$webhook_file"
# The API server picks up the changed configuration within a few seconds.
lab_wait_for 30 "the API server to admit Service web" \
  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_WORKDIR/manifests/service.yaml"
kubectl -n "$LAB_NAMESPACE" get endpointslices -l kubernetes.io/service-name=web
