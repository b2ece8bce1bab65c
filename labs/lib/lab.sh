#!/usr/bin/env bash
# Helpers for cluster lab scripts (setup, checks, solution, cleanup). Sourced, not run:
#   . "${LAB_DIR:?}/../../lib/lab.sh"
#
# Sourcing it refuses to go on without the environment the runner (or labs:verify) hands a lab:
# KUBECONFIG for the lab cluster (never the reader's default ~/.kube/config), LAB_NAMESPACE,
# LAB_ID, LAB_DIR and LAB_WORKDIR. Every kubectl call in a lab names -n "$LAB_NAMESPACE".

: "${KUBECONFIG:?is not set: cluster labs run only against the lab cluster (npm run cluster:up), through the lab runner or npm run labs:verify}"
: "${LAB_NAMESPACE:?is not set: the runner hands each lab its namespace}"
: "${LAB_ID:?is not set}" "${LAB_DIR:?is not set}" "${LAB_WORKDIR:?is not set}"

# How long setup waits for a namespace left over from a reset to finish terminating.
LAB_NAMESPACE_DELETE_TIMEOUT="100s"

# lab_create_namespace: creates LAB_NAMESPACE labelled lab=LAB_ID, or keeps it; when a previous
# cleanup is still deleting it, waits for that first.
lab_create_namespace() {
  local terminating
  terminating="$(kubectl get namespace "$LAB_NAMESPACE" --ignore-not-found -o jsonpath='{.metadata.deletionTimestamp}')"
  if [[ -n "$terminating" ]]; then
    kubectl wait --for=delete "namespace/$LAB_NAMESPACE" --timeout="$LAB_NAMESPACE_DELETE_TIMEOUT" >/dev/null
  fi
  kubectl apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $LAB_NAMESPACE
  labels:
    lab: $LAB_ID
EOF
}

# lab_delete_namespace: deletes LAB_NAMESPACE and everything in it, and waits until it is gone.
lab_delete_namespace() {
  kubectl delete namespace "$LAB_NAMESPACE" --ignore-not-found --wait=true --timeout="$LAB_NAMESPACE_DELETE_TIMEOUT" >/dev/null
}

# lab_restore_manifests: gives the reader a fresh copy of the lab's broken manifests/ in
# LAB_WORKDIR/manifests, replacing any edited copy (this is what makes a reset a reset).
lab_restore_manifests() {
  rm -rf "$LAB_WORKDIR/manifests"
  cp -R "$LAB_DIR/manifests" "$LAB_WORKDIR/manifests"
}

# lab_wait_for SECONDS WHAT COMMAND...: runs COMMAND every 2 s until it succeeds. After SECONDS it
# says what it waited for on stderr and fails.
lab_wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      printf 'timed out after %ss waiting for %s\n' "$limit" "$what" >&2
      return 1
    fi
    sleep 2
  done
}

# lab_pods_match SELECTOR JSONPATH REGEX: true when the JSONPATH output for the Pods matching
# SELECTOR matches the bash REGEX, e.g. lab_pods_match app=web '{..waiting.reason}' 'ErrImagePull'.
lab_pods_match() {
  local out
  out="$(kubectl -n "$LAB_NAMESPACE" get pods -l "$1" -o jsonpath="$2")" || return 1
  [[ "$out" =~ $3 ]]
}

# lab_ready_endpoints SERVICE: prints how many ready endpoints the EndpointSlices of SERVICE list
# (0 when there are none, or when the API server cannot be asked).
lab_ready_endpoints() {
  local addresses
  addresses="$(kubectl -n "$LAB_NAMESPACE" get endpointslices -l "kubernetes.io/service-name=$1" \
    -o jsonpath='{.items[*].endpoints[?(@.conditions.ready==true)].addresses[0]}' 2>/dev/null || true)"
  wc -w <<<"$addresses"
}

# lab_pod_states SELECTOR: one line per Pod that is not being deleted:
# "<pod> <ready>/<restarts> ..." with one ready/restarts pair per container.
lab_pod_states() {
  kubectl -n "$LAB_NAMESPACE" get pods -l "$1" -o go-template='{{range .items}}{{if not .metadata.deletionTimestamp}}{{.metadata.name}}{{range .status.containerStatuses}} {{.ready}}/{{.restartCount}}{{end}}{{"\n"}}{{end}}{{end}}'
}

# pods_stable SELECTOR SECONDS: true when at least one Pod matches SELECTOR, all its containers
# are Ready, and none of them restarts or turns unready during SECONDS. This catches a Pod that
# looks fixed for a moment and then crashes again (CrashLoopBackOff, OOMKilled, liveness kills).
pods_stable() {
  local selector=$1 window=$2 first second
  first="$(lab_pod_states "$selector")" || return 1
  [[ -n "$first" ]] || return 1
  # Every line needs at least one container, and every container must be Ready.
  if grep -Evq '^[^ ]+( true/[0-9]+)+$' <<<"$first"; then return 1; fi
  sleep "$window"
  second="$(lab_pod_states "$selector")" || return 1
  [[ "$first" == "$second" ]]
}

# selector_matches_template SERVICE DEPLOYMENT: true when the Service has a selector and every
# key=value of it is a label of the Deployment's Pod template, so the Service keeps selecting the
# Deployment's Pods after every rollout (hand-labelled Pods do not count).
# shellcheck disable=SC2016 # $k and $v are go-template variables, not shell ones
selector_matches_template() {
  local selector template
  selector="$(kubectl -n "$LAB_NAMESPACE" get service "$1" \
    -o go-template='{{range $k, $v := .spec.selector}}{{$k}}={{$v}}{{"\n"}}{{end}}' | sort)" || return 1
  template="$(kubectl -n "$LAB_NAMESPACE" get deployment "$2" \
    -o go-template='{{range $k, $v := .spec.template.metadata.labels}}{{$k}}={{$v}}{{"\n"}}{{end}}' | sort)" || return 1
  [[ -n "$selector" ]] && [[ -z "$(comm -23 <(printf '%s\n' "$selector") <(printf '%s\n' "$template"))" ]]
}

# lab_bystander_node_ip SELECTOR: prints the InternalIP of one node that serves no API server
# endpoint and runs none of the Pods matching SELECTOR; nothing when there is no such node. An
# address outside the Pod network that a Pod must not reach (its kubelet listens on 10250), for
# guards that prove egress stays closed: a Pod's traffic to its own node may bypass the policy.
lab_bystander_node_ip() {
  local api busy node ip
  api=" $(kubectl get endpointslices --namespace=default -l kubernetes.io/service-name=kubernetes \
    -o jsonpath='{.items[*].endpoints[*].addresses[*]}') " || return 1
  busy=" $(kubectl -n "$LAB_NAMESPACE" get pods -l "$1" -o jsonpath='{.items[*].spec.nodeName}') " || return 1
  while read -r node ip; do
    if [[ -n "$ip" && "$api" != *" $ip "* && "$busy" != *" $node "* ]]; then
      echo "$ip"
      return 0
    fi
  done < <(kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}')
}

# lab_release_finalizers NAMESPACE RESOURCE: takes the finalizers off every RESOURCE object stored
# under NAMESPACE (an object already being deleted then goes at once). It also reaches the objects
# a forced deletion leaves behind: a namespace forced away through its finalize subresource while
# its objects still had finalizers leaves them in etcd, listed but unchangeable (the API server
# refuses every change in a namespace that does not exist), so the namespace is created again,
# labelled lab=LAB_ID, to reach them; whoever deletes it afterwards deletes it for good.
lab_release_finalizers() {
  local namespace=$1 resource=$2 held name
  held="$(kubectl -n "$namespace" get "$resource" \
    -o go-template='{{range .items}}{{if .metadata.finalizers}}{{.metadata.name}}{{"\n"}}{{end}}{{end}}')" || return 1
  [[ -n "$held" ]] || return 0
  if [[ -z "$(kubectl get namespace "$namespace" --ignore-not-found -o name)" ]]; then
    kubectl apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Namespace
metadata:
  name: $namespace
  labels:
    lab: $LAB_ID
YAML
  fi
  for name in $held; do
    kubectl -n "$namespace" patch "$resource" "$name" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null
  done
}
