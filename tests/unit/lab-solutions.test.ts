/**
 * The solution a lab page shows is commands the reader can type in the lab shell: every lab's
 * solution.sh, as the widget renders it (readerSolution), names nothing the lab shell lacks.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {readerSolution, scriptLines} from '../../src/components/Lab/solution-script';

const labsDir = path.resolve(__dirname, '../../labs/scenarios');
const labIds = fs.readdirSync(labsDir).filter((id) => fs.existsSync(path.join(labsDir, id, 'solution.sh')));

/** What the runner puts in the lab shell's environment (labs/runner/src/session.ts) and bash's own. */
const SHELL_VARIABLES = new Set(['LAB_ID', 'LAB_NAMESPACE', 'LAB_WORKDIR', 'KUBECONFIG', 'HOME', 'PATH', 'SECONDS', 'PWD']);
/** Helpers labs/lib/lab.sh defines: the lab shell does not have them. */
const LAB_HELPERS = [...fs.readFileSync(path.resolve(labsDir, '../lib/lab.sh'), 'utf8').matchAll(/^([a-z_]+)\(\)\s*\{/gm)].map((m) => m[1]);

/** Names the script sets itself: `name=`, `read … a b`, `for name in`. */
function assignedNames(script: string): Set<string> {
  const names = new Set<string>();
  for (const m of script.matchAll(/(?:^|[\s;(])([A-Za-z_]\w*)\+?=/gm)) names.add(m[1]);
  for (const m of script.matchAll(/\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)/g)) for (const n of m[1].split(/\s+/)) names.add(n);
  for (const m of script.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) names.add(m[1]);
  return names;
}

test('the helpers of labs/lib/lab.sh were found', () => {
  assert.ok(LAB_HELPERS.includes('lab_wait_for'), `found ${LAB_HELPERS.join(', ')}`);
});

for (const id of labIds) {
  test(`${id}: the solution shown to the reader runs in the lab shell`, () => {
    const shown = readerSolution(fs.readFileSync(path.join(labsDir, id, 'solution.sh'), 'utf8'));
    const problems: string[] = [];
    scriptLines(shown).forEach(({text: line, heredoc}, n) => {
      if (heredoc) return;
      const at = `solution.sh as shown, line ${n + 1}: ${line.trim()}`;
      if (/\bLAB_DIR\b/.test(line)) problems.push(`${at}: LAB_DIR exists only under the runner`);
      if (/\blib\//.test(line)) problems.push(`${at}: a runner file`);
      if (/^\s*set\s+-\w*e/.test(line)) problems.push(`${at}: strict mode would close the reader's shell on the first failing command`);
      for (const helper of LAB_HELPERS) if (new RegExp(`(^|[\\s;|&(])${helper}\\b`).test(line) && !line.trim().startsWith('#')) problems.push(`${at}: ${helper} is a lab.sh helper`);
    });
    const assigned = assignedNames(shown);
    const code = shown.split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
    for (const m of code.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
      if (!SHELL_VARIABLES.has(m[1]) && !assigned.has(m[1])) problems.push(`solution.sh as shown uses $${m[1]}, which the lab shell does not set`);
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.ok(shown.length > 0, 'nothing left to show');
  });
}

test('the runner-only parts are replaced, not dropped, where the fix needs them', () => {
  const script = [
    '#!/usr/bin/env bash',
    '# Fixes it.',
    'set -euo pipefail',
    '# shellcheck source=../../lib/lab.sh source-path=SCRIPTDIR',
    '. "${LAB_DIR:?}/../../lib/lab.sh"',
    'lab_wait_for 30 "the API server to admit Service web" \\',
    '  kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_DIR/manifests/service.yaml"',
    'node "$LAB_DIR/../../lib/yaml-check.mjs" lint "$workflow"',
  ].join('\n');
  assert.equal(
    readerSolution(script),
    [
      '# Fixes it.',
      'until kubectl -n "$LAB_NAMESPACE" apply -f "$LAB_WORKDIR/manifests/service.yaml" >/dev/null 2>&1; do sleep 2; done',
      '"$LAB_WORKDIR/yaml-lint" "$workflow"',
    ].join('\n'),
  );
});
