#!/usr/bin/env bash
# Shortcut checks/report-step-kept.sh must refuse: delete the step whose heredoc breaks the file.
# The workflow parses again, but the report script it wrote is gone.
set -euo pipefail
: "${LAB_WORKDIR:?}"
workflow="$LAB_WORKDIR/manifests/.github/workflows/ci-quality-gate.yml"

awk '
  /- name: Write the report script/ { skip = 1 }
  skip && /^PYEOF$/                 { skip = 0; next }
  !skip                             { print }
' "$workflow" >"$workflow.new"
mv "$workflow.new" "$workflow"
