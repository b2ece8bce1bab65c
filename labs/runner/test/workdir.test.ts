import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {createSessionDirs, removeSessionDirs} from '../src/workdir';
import {SCENARIOS} from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-workdir-'));

describe('session folder', () => {
  after(() => fs.rmSync(tmp, {recursive: true, force: true}));

  test('holds a private copy of the manifests and keeps runner files out of the working folder', () => {
    const dirs = createSessionDirs('broken-file', path.join(SCENARIOS, 'broken-file'), tmp);
    assert.equal(fs.statSync(dirs.root).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(dirs.work), ['manifests']);
    assert.equal(fs.readFileSync(path.join(dirs.work, 'manifests', 'app.yaml'), 'utf8'), fs.readFileSync(path.join(SCENARIOS, 'broken-file', 'manifests', 'app.yaml'), 'utf8'));
    for (const file of [dirs.rcFile, dirs.kubeconfig, dirs.historyFile, dirs.noClusterMessageFile]) assert.ok(!file.startsWith(dirs.work), file);
    fs.writeFileSync(path.join(dirs.work, 'manifests', 'app.yaml'), 'edited');
    assert.notEqual(fs.readFileSync(path.join(SCENARIOS, 'broken-file', 'manifests', 'app.yaml'), 'utf8'), 'edited', 'the lab folder is untouched');
  });

  test('a lab without manifests gets an empty working folder', () => {
    const dirs = createSessionDirs('hang-setup', path.join(SCENARIOS, 'hang-setup'), tmp);
    assert.deepEqual(fs.readdirSync(dirs.work), []);
  });

  test('removal copes with folders the reader made read-only', async () => {
    const dirs = createSessionDirs('broken-file', path.join(SCENARIOS, 'broken-file'), tmp);
    fs.mkdirSync(path.join(dirs.work, 'locked', 'deeper'), {recursive: true});
    fs.writeFileSync(path.join(dirs.work, 'locked', 'deeper', 'f'), 'x');
    fs.chmodSync(path.join(dirs.work, 'locked', 'deeper'), 0o500);
    fs.chmodSync(path.join(dirs.work, 'locked'), 0o500);
    assert.equal(await removeSessionDirs(dirs), true);
    assert.equal(fs.existsSync(dirs.root), false);
  });
});
