#!/usr/bin/env bash
# Shortcut checks/no-orphans.sh must refuse: force the namespace away by emptying its finalizers
# through the finalize subresource, the widely copied recipe. The namespace disappears; its
# ConfigMap, still held by its own finalizer, stays stored with no namespace to show it in.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

old="$LAB_NAMESPACE-old"
kubectl get namespace "$old" -o json \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const namespace = JSON.parse(s);
      namespace.spec = {...namespace.spec, finalizers: []};
      process.stdout.write(JSON.stringify(namespace));
    });' \
  | kubectl replace --raw "/api/v1/namespaces/$old/finalize" -f - >/dev/null
kubectl wait --for=delete "namespace/$old" --timeout=60s >/dev/null
