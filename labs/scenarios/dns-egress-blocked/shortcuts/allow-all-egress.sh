#!/usr/bin/env bash
# Shortcut the guard must refuse: keep the default deny but add a policy that allows every Pod
# all egress, which fixes DNS and opens everything else with it.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  labels:
    lab: dns-egress-blocked
spec:
  podSelector: {}
  policyTypes:
    - Egress
  egress:
    - {}
YAML
