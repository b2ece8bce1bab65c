#!/usr/bin/env bash
# Shortcut checks/deployment-kept.sh must refuse: reference the base as a directory but leave out
# prod's patch, so the overlay builds with the base's single replica.
set -euo pipefail
: "${LAB_WORKDIR:?}"

cat >"$LAB_WORKDIR/manifests/k8s/overlays/prod/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
labels:
  - pairs:
      env: prod
YAML
