/** lab.yaml: a malformed file fails with its path and the field; nothing is half-loaded. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadLab, loadLabs, LabFileError} from '../../labs/lib/lab-schema';

const valid = `id: demo
title: {en: Fix the demo, ko: 데모 고치기}
summary: {en: A demo lab., ko: 데모 실습입니다.}
requires: local
tools: []
tasks:
  - id: fix
    title: {en: Fix it, ko: 고치기}
    check: checks/fixed.sh
    expect: NOT_FIXED
    hints: [look]
hints:
  look: {en: Look at the file., ko: 파일을 보세요.}
failures:
  NOT_FIXED: {en: Still broken., ko: 아직 고장입니다.}
solution: {en: Edit the file., ko: 파일을 고칩니다.}
`;

function labDir(yaml: string, files = ['setup.sh', 'solution.sh', 'cleanup.sh', 'checks/fixed.sh']): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-schema-'));
  const dir = path.join(root, 'demo');
  fs.mkdirSync(path.join(dir, 'checks'), {recursive: true});
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), {recursive: true});
    fs.writeFileSync(path.join(dir, f), '#!/usr/bin/env bash\nexit 0\n');
  }
  fs.writeFileSync(path.join(dir, 'lab.yaml'), yaml);
  return dir;
}

function errorOf(fn: () => unknown): LabFileError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LabFileError, String(error));
    return error;
  }
  assert.fail('expected an error');
}

test('a valid lab loads with defaults filled in', () => {
  const lab = loadLab(path.join(labDir(valid), 'lab.yaml'));
  assert.equal(lab.scope, 'namespace');
  assert.equal(lab.timeouts.check, 45);
});

test('a missing Korean text names the file and the field', () => {
  const file = path.join(labDir(valid.replace('ko: 고치기', 'kr: 고치기')), 'lab.yaml');
  const error = errorOf(() => loadLab(file));
  assert.match(error.message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: field "tasks\\.0\\.title`));
});

test('broken YAML is reported as YAML, with the file', () => {
  const file = path.join(labDir('id: demo\ntitle: {en: x\n'), 'lab.yaml');
  assert.match(errorOf(() => loadLab(file)).message, /lab\.yaml: field "\(yaml\)"/);
});

test('a check script that does not exist, a hint that is not defined, a path outside the lab', () => {
  const missing = errorOf(() => loadLab(path.join(labDir(valid, ['setup.sh', 'solution.sh', 'cleanup.sh']), 'lab.yaml')));
  assert.match(missing.message, /"tasks\.0\.check" names checks\/fixed\.sh, which does not exist/);
  const hint = errorOf(() => loadLab(path.join(labDir(valid.replace('hints: [look]', 'hints: [nope]')), 'lab.yaml')));
  assert.match(hint.message, /"tasks\.0\.hints\.0" "nope" is not defined/);
  const escape = errorOf(() => loadLab(path.join(labDir(valid.replace('checks/fixed.sh', 'checks/../../x.sh')), 'lab.yaml')));
  assert.match(escape.message, /"tasks\.0\.check" must stay inside the lab folder/);
});

test('an unpinned image and a lowercase failure code fail', () => {
  const latest = errorOf(() => loadLab(path.join(labDir(`${valid}images: [busybox:latest]\n`), 'lab.yaml')));
  assert.match(latest.message, /"images" must not use :latest/);
  const code = errorOf(() => loadLab(path.join(labDir(valid.replace('NOT_FIXED:', 'not_fixed:')), 'lab.yaml')));
  assert.match(code.message, /"failures\.not_fixed"/);
});

test('every task names the failure code its check prints right after setup, and it is declared', () => {
  const missing = errorOf(() => loadLab(path.join(labDir(valid.replace('    expect: NOT_FIXED\n', '')), 'lab.yaml')));
  assert.match(missing.message, /"tasks\.0\.expect" is required/);
  const undeclared = errorOf(() => loadLab(path.join(labDir(valid.replace('expect: NOT_FIXED', 'expect: STILL_BROKEN')), 'lab.yaml')));
  assert.match(undeclared.message, /"tasks\.0\.expect" "STILL_BROKEN" is not declared under failures/);
});

test('a guard needs a shortcut it refuses, and a shortcut needs a guard', () => {
  const withGuard = valid.replace('    expect: NOT_FIXED\n', '    expect: NOT_FIXED\n    guard: checks/kept.sh\n');
  const files = ['setup.sh', 'solution.sh', 'cleanup.sh', 'checks/fixed.sh', 'checks/kept.sh'];
  const noShortcut = errorOf(() => loadLab(path.join(labDir(withGuard, files), 'lab.yaml')));
  assert.match(noShortcut.message, /"tasks\.0\.shortcuts" is empty: a task with a guard needs at least one shortcut/);

  const withShortcut = withGuard.replace('    guard: checks/kept.sh\n', '    guard: checks/kept.sh\n    shortcuts: [shortcuts/delete.sh]\n');
  const absent = errorOf(() => loadLab(path.join(labDir(withShortcut, files), 'lab.yaml')));
  assert.match(absent.message, /"tasks\.0\.shortcuts\.0" names shortcuts\/delete\.sh, which does not exist/);
  const dir = labDir(withShortcut, [...files, 'shortcuts/delete.sh']);
  assert.deepEqual(loadLab(path.join(dir, 'lab.yaml')).tasks[0]?.shortcuts, ['shortcuts/delete.sh']);

  const outside = errorOf(() => loadLab(path.join(labDir(withShortcut.replace('shortcuts/delete.sh', '../x.sh'), files), 'lab.yaml')));
  assert.match(outside.message, /"tasks\.0\.shortcuts\.0" must/);

  const orphan = valid.replace('    expect: NOT_FIXED\n', '    expect: NOT_FIXED\n    shortcuts: [shortcuts/delete.sh]\n');
  const noGuard = errorOf(() => loadLab(path.join(labDir(orphan, [...files, 'shortcuts/delete.sh']), 'lab.yaml')));
  assert.match(noGuard.message, /"tasks\.0\.shortcuts" lists shortcuts, but the task has no guard/);
});

test('tools are required; a cluster lab needs kubectl among them', () => {
  const none = errorOf(() => loadLab(path.join(labDir(valid.replace('tools: []\n', '')), 'lab.yaml')));
  assert.match(none.message, /"tools" is required/);
  const unknown = errorOf(() => loadLab(path.join(labDir(valid.replace('tools: []', 'tools: [helm]')), 'lab.yaml')));
  assert.match(unknown.message, /"tools\.0"/);
  const cluster = valid.replace('requires: local', 'requires: cluster');
  assert.match(errorOf(() => loadLab(path.join(labDir(cluster), 'lab.yaml'))).message, /"tools" must include kubectl/);
  assert.deepEqual(loadLab(path.join(labDir(cluster.replace('tools: []', 'tools: [kubectl, docker]')), 'lab.yaml')).tools, ['kubectl', 'docker']);
});

test('the id must equal the folder', () => {
  assert.match(errorOf(() => loadLab(path.join(labDir(valid.replace('id: demo', 'id: other')), 'lab.yaml'))).message, /folder is "demo"/);
});

test('every lab in the repository loads', () => {
  const labs = loadLabs(path.resolve(__dirname, '../../labs/scenarios'));
  assert.ok(labs.size >= 3);
});
