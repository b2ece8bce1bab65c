#!/usr/bin/env bash
# Guard: Service web still selects the Pods of Deployment web, so pointing the Service at some
# other Pod that answers on 8080 is no fix.
set -euo pipefail
# shellcheck source=../../../lib/lab.sh source-path=SCRIPTDIR
. "${LAB_DIR:?}/../../lib/lab.sh"

if ! selector_matches_template web web 2>/dev/null; then
  echo SELECTOR_NOT_DEPLOYMENT
  exit 1
fi
