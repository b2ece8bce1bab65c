#!/usr/bin/env bash
# Class mode's lab.sh: the helpers of labs/lib/lab.sh, with the two that create and delete the
# lab namespace changed, because in a class the namespace belongs to the trainer.
#
# `npm run class -- up` made LAB_NAMESPACE (with its quota, RoleBinding and isolation policy), and
# a learner may not create or delete namespaces. So setup only waits for it to exist, and cleanup
# deletes what the lab made in it (every lab object carries the label lab=<id>) instead of the
# namespace. The toolbox image installs this file as labs/lib/lab.sh, next to the original.

# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lab-base.sh"

# Kinds a lab may create in its namespace (the learner role's), deleted by label on cleanup.
LAB_CLASS_KINDS="deployments.apps,statefulsets.apps,daemonsets.apps,replicasets.apps,jobs.batch,cronjobs.batch,pods,services,configmaps,secrets,persistentvolumeclaims,serviceaccounts,networkpolicies.networking.k8s.io,ingresses.networking.k8s.io,horizontalpodautoscalers.autoscaling,poddisruptionbudgets.policy"

# lab_create_namespace: LAB_NAMESPACE exists already (the class made it); wait until it answers.
lab_create_namespace() {
  lab_wait_for 60 "namespace $LAB_NAMESPACE" kubectl -n "$LAB_NAMESPACE" get serviceaccount default
}

# lab_delete_namespace: deletes everything labelled lab=LAB_ID in LAB_NAMESPACE, and waits for it.
lab_delete_namespace() {
  kubectl -n "$LAB_NAMESPACE" delete "$LAB_CLASS_KINDS" -l "lab=$LAB_ID" --ignore-not-found --wait=true \
    --timeout="$LAB_NAMESPACE_DELETE_TIMEOUT" >/dev/null
  # A quota the lab made (not the class's own, which has no lab label) goes too.
  kubectl -n "$LAB_NAMESPACE" delete resourcequotas -l "lab=$LAB_ID" --ignore-not-found >/dev/null 2>&1 || true
}
