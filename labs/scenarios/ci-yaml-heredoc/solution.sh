#!/usr/bin/env bash
# Indents the heredoc body and its PYEOF terminator by the block's 10 spaces. The `run: |` block
# strips exactly that indentation again, so bash still receives PYEOF at the start of a line and
# report.py comes out unindented, as before.
set -euo pipefail
workflow="$LAB_WORKDIR/manifests/.github/workflows/ci-quality-gate.yml"

awk '
  inside && /^PYEOF$/ { print "          " $0; inside = 0; next }
  inside && NF        { print "          " $0; next }
                      { print }
  /<<.PYEOF.$/        { inside = 1 }
' "$workflow" >"$workflow.fixed"
mv "$workflow.fixed" "$workflow"
node "$LAB_DIR/../../lib/yaml-check.mjs" lint "$workflow"
