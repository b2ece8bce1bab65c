#!/usr/bin/env bash
# A claim's storageClassName cannot be changed after creation, so the claim is deleted and
# created again with the cluster's StorageClass standard (kind's local-path provisioner). It held
# no data yet: it was never bound. The app is stopped while its claim is replaced.
set -euo pipefail
# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

kubectl -n "$LAB_NAMESPACE" scale deployment/notes --replicas=0
kubectl -n "$LAB_NAMESPACE" delete pvc data --wait=true --timeout=60s
kubectl -n "$LAB_NAMESPACE" apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  labels:
    app: notes
    lab: pvc-missing-storageclass
spec:
  storageClassName: standard
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 64Mi
YAML
kubectl -n "$LAB_NAMESPACE" scale deployment/notes --replicas=1
kubectl -n "$LAB_NAMESPACE" rollout status deployment/notes --timeout=150s
kubectl -n "$LAB_NAMESPACE" get pvc data
