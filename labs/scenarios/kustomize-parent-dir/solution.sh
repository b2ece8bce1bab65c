#!/usr/bin/env bash
# The base already has a kustomization.yaml (staging uses it), so prod references the base as a
# directory instead of naming its files. A kustomization may pull in another kustomization from
# anywhere; only plain files must sit in or below its own folder.
set -euo pipefail
prod="$LAB_WORKDIR/manifests/k8s/overlays/prod"

cat >"$prod/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
labels:
  - pairs:
      env: prod
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
YAML
kubectl kustomize "$prod" >/dev/null
echo "fixed: prod now builds from ../../base"
