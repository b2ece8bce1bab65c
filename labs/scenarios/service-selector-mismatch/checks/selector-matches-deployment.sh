#!/usr/bin/env bash
# Guard: Service web selects the Pods of Deployment web by their template labels, so labelling
# Pods by hand (lost at the next rollout) or pointing the Service elsewhere is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! selector_matches_template web web 2>/dev/null; then
  echo SELECTOR_NOT_DEPLOYMENT
  exit 1
fi
