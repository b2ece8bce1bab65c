#!/usr/bin/env bash
# Breaks the lab: a ValidatingWebhookConfiguration named after the lab namespace sends every
# Service CREATE in that namespace (and only there: its namespaceSelector matches the namespace's
# name) to the service-policy Service, which has no Pods behind it. With failurePolicy Fail the
# API server refuses the Service web. The configuration is also written to the reader's
# manifests/service-policy-webhook.yaml, where the fix belongs. Idempotent.
#
# Cluster scope: the ValidatingWebhookConfiguration is a cluster-wide object.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

# True while the API server does not accept Service web: a server-side dry run calls the webhooks
# and, when they let it through, prints the object's name.
service_refused() {
  [[ "$(kubectl -n "$LAB_NAMESPACE" create --dry-run=server -o name -f "$LAB_DIR/manifests/service.yaml" 2>/dev/null || true)" != service/web ]]
}

webhook_file="$LAB_WORKDIR/manifests/service-policy-webhook.yaml"

lab_create_namespace
lab_restore_manifests
# Start from no webhook and no Service web, whatever an earlier run left behind.
kubectl delete validatingwebhookconfiguration "$LAB_NAMESPACE-service-policy" --ignore-not-found >/dev/null
kubectl -n "$LAB_NAMESPACE" delete service web --ignore-not-found >/dev/null
# The webhook's own Service first: once the webhook is registered, it could not be created.
kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/service-policy.yaml" -f "$LAB_DIR/manifests/deployment.yaml" >/dev/null
# The configuration goes into the reader's working copy first: it stands for the platform team's
# GitOps repository, the place a lasting change has to be made (a sync reverts live edits).
cat >"$webhook_file" <<YAML
# The platform team's service-policy webhook, as their GitOps repository defines it. A sync applies
# this file to the cluster and reverts changes made only in the cluster, so change it here and
# apply it: kubectl apply -f manifests/service-policy-webhook.yaml
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: $LAB_NAMESPACE-service-policy
  labels:
    lab: $LAB_ID
webhooks:
  - name: services.policy.lab.k8s
    admissionReviewVersions: ["v1"]
    sideEffects: None
    failurePolicy: Fail
    timeoutSeconds: 5
    namespaceSelector:
      matchLabels:
        kubernetes.io/metadata.name: $LAB_NAMESPACE
    rules:
      - apiGroups: [""]
        apiVersions: ["v1"]
        operations: ["CREATE"]
        resources: ["services"]
        scope: Namespaced
    clientConfig:
      service:
        namespace: $LAB_NAMESPACE
        name: service-policy
        path: /validate-services
        port: 443
YAML
kubectl apply -f "$webhook_file" >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s >/dev/null
lab_wait_for 30 "the API server to call the new webhook" service_refused
echo "ready: Deployment web runs in namespace $LAB_NAMESPACE, and creating its Service fails in a webhook"
