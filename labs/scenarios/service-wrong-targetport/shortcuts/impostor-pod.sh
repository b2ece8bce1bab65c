#!/usr/bin/env bash
# Shortcut checks/selector-matches-deployment.sh must refuse: point Service web at another Pod
# that answers on 8080, instead of at the web Pods.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" run impostor --image=busybox:1.36 --labels="app=impostor,lab=$LAB_ID" --restart=Never \
  -- sh -c 'mkdir -p /www && echo "Welcome to nginx" >/www/index.html && exec httpd -f -p 8080 -h /www' >/dev/null
kubectl -n "$LAB_NAMESPACE" wait --for=condition=Ready pod/impostor --timeout=90s >/dev/null
kubectl -n "$LAB_NAMESPACE" patch service web -p '{"spec": {"selector": {"app": "impostor"}}}' >/dev/null
