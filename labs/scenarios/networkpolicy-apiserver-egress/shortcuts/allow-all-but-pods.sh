#!/usr/bin/env bash
# Shortcut checks/egress-still-denied.sh must refuse: allow the controller every address except
# the Pod network. Other Pods stay out of reach, every node and the whole internet do not.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

except=""
for cidr in $(kubectl get nodes -o jsonpath='{.items[*].spec.podCIDR}'); do
  except+="
              - $cidr"
done
kubectl -n "$LAB_NAMESPACE" apply -f - >/dev/null <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-but-pods
  labels:
    lab: $LAB_ID
spec:
  podSelector:
    matchLabels:
      app: controller
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:$except
YAML
# The crash-looping Pod may sit in a back-off of up to 5 minutes; start a fresh one.
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/controller >/dev/null
kubectl -n "$LAB_NAMESPACE" rollout status deployment/controller --timeout=120s >/dev/null
