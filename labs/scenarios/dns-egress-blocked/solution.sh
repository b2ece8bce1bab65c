#!/usr/bin/env bash
# Adds a policy that lets every Pod in the namespace send DNS queries, UDP and TCP on port 53, to
# the CoreDNS Pods in kube-system, next to the default deny and the backend rule.
#
# Policies see the packet after the Service NAT, so the rule names the CoreDNS Pods
# (k8s-app=kube-dns in the namespace kube-system, selected by its automatic
# kubernetes.io/metadata.name label) rather than the kube-dns Service address 10.96.0.10.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  labels:
    lab: dns-egress-blocked
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
YAML
# A lookup that started before the fix may still be waiting out its timeouts; start afresh.
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/client
kubectl -n "$LAB_NAMESPACE" rollout status deployment/client --timeout=120s
