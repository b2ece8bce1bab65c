#!/usr/bin/env bash
# Puts the broken workflow in the reader's folder: the heredoc body inside a `run: |` block lost
# its indentation. Adds ./yaml-lint, a YAML parser for the reader, so the lab needs no
# python3-yaml. Idempotent: each run restores the files from manifests/.
set -euo pipefail
: "${LAB_DIR:?}" "${LAB_WORKDIR:?}"

rm -rf "$LAB_WORKDIR/manifests"
cp -R "$LAB_DIR/manifests" "$LAB_WORKDIR/manifests"
linter="$(cd "$LAB_DIR/../../lib" && pwd)/yaml-check.mjs"
printf '#!/usr/bin/env bash\nexec node %q lint "$@"\n' "$linter" >"$LAB_WORKDIR/yaml-lint"
chmod +x "$LAB_WORKDIR/yaml-lint"
echo "ready: manifests/.github/workflows/ci-quality-gate.yml no longer parses (check it with ./yaml-lint)"
