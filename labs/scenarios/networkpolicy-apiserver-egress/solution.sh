#!/usr/bin/env bash
# Allows the controller's egress to the API server by ipBlock, next to the default deny.
#
# The API server runs on the control plane's host network, so no podSelector or namespaceSelector
# can match it. Whether a policy sees the Service address (10.96.0.1:443) or the endpoint behind
# it is up to the network plugin: kindnet evaluates policies after the Service NAT, so the rule
# names the endpoints of the kubernetes Service, the control plane's IP on port 6443, read from its
# EndpointSlice in the default namespace.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

# One "<ip> <port>" line per API server endpoint.
endpoints="$(kubectl get --raw '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dkubernetes' \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      for (const slice of JSON.parse(s).items)
        for (const e of slice.endpoints ?? []) for (const a of e.addresses) console.log(a, slice.ports[0].port);
    });')"
[[ -n "$endpoints" ]] || { echo "no endpoints found for the kubernetes Service" >&2; exit 1; }
echo "API server endpoints:"
echo "$endpoints"

rules=""
while read -r ip port; do
  rules+="
    - to:
        - ipBlock:
            cidr: $ip/32
      ports:
        - protocol: TCP
          port: $port"
done <<<"$endpoints"

kubectl -n "$LAB_NAMESPACE" apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-apiserver-egress
  labels:
    lab: $LAB_ID
spec:
  podSelector:
    matchLabels:
      app: controller
  policyTypes:
    - Egress
  egress:$rules
YAML
# The crash-looping Pod may sit in a back-off of up to 5 minutes; start a fresh one.
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/controller
kubectl -n "$LAB_NAMESPACE" rollout status deployment/controller --timeout=120s
