#!/usr/bin/env bash
# Gives the ConfigMap back the key the app reads (app.conf), then restarts the rollout: a running
# Pod sees a changed ConfigMap volume only after the kubelet's next sync, and a crash-looping one
# may sit in a back-off of up to 5 minutes before it tries again.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  labels:
    app: web
    lab: crashloop-configmap-key
data:
  app.conf: |
    GREETING="hello from the lab"
    WORKERS=2
YAML
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/web
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=90s
