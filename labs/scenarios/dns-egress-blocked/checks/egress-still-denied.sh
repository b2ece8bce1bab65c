#!/usr/bin/env bash
# Guard: default-deny-egress still exists and the client still cannot open other connections,
# here to CoreDNS's metrics port 9153 behind the cluster DNS address, so deleting the policies
# or allowing all egress (or every port to CoreDNS) is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! kubectl -n "$LAB_NAMESPACE" get networkpolicy default-deny-egress >/dev/null 2>&1; then
  echo DENY_POLICY_REMOVED; exit 1
fi
# shellcheck disable=SC2016 # $ns is expanded by the shell inside the client container
if kubectl -n "$LAB_NAMESPACE" exec deployment/client -- sh -c 'ns="$(grep -m 1 "^nameserver" /etc/resolv.conf | cut -d " " -f 2)"; wget -q -T 3 -O /dev/null "http://$ns:9153/metrics"' >/dev/null 2>&1; then
  echo EGRESS_TOO_WIDE; exit 1
fi
