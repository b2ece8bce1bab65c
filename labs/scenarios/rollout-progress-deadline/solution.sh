#!/usr/bin/env bash
# Fixes release 2.0 forward: puts the /healthz location back into ConfigMap web-v2, then restarts
# the rollout. nginx reads its configuration once at start, and the stopped rollout has passed
# its deadline, so a new rollout is what brings Pods with the fixed file.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-v2
  labels:
    app: web
    lab: rollout-progress-deadline
data:
  default.conf: |
    server {
        listen 80;

        location = /healthz {
            access_log off;
            default_type text/plain;
            return 200 "ok\n";
        }

        location = /version {
            default_type text/plain;
            return 200 "web 2.0\n";
        }

        location /api/ {
            default_type application/json;
            return 200 '{"status": "coming soon"}\n';
        }

        location / {
            root  /usr/share/nginx/html;
            index index.html;
        }
    }
YAML
kubectl -n "$LAB_NAMESPACE" rollout restart deployment/web
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
