#!/usr/bin/env bash
# Gives Deployment web the securityContext the restricted standard asks for: a non-root user
# (busybox's image names none, so the Pod sets UID and GID 1000 itself), the runtime's default
# seccomp profile, no privilege escalation and no Linux capabilities.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" patch deployment web --type=strategic -p '
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
'
kubectl -n "$LAB_NAMESPACE" rollout status deployment/web --timeout=120s
