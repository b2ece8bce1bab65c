/**
 * labs/lib/run-script.ts: the minimal environment, the namespace name, and the timeout that ends
 * a script's whole process group.
 *
 *   node --import tsx --test tests/labs/run-script.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, test} from 'node:test';
import {KILL_GRACE_MS, MAX_NAMESPACE_CHARS, failureCodeOf, labEnv, labNamespace, runScript} from '../../labs/lib/run-script';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-script-test-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
  return file;
}

const env = () => labEnv({labId: 'demo', labDir: dir, workdir: dir});

/** Whether a process still runs; a zombie (killed, not yet reaped by init) counts as ended. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): signal 0 succeeded, so it runs
  }
}

test('labNamespace is lab-<id>, at most 63 characters, never ending in a hyphen', () => {
  assert.equal(labNamespace('crashloop-configmap-key'), 'lab-crashloop-configmap-key');
  const long = labNamespace(`${'a'.repeat(58)}-bcdef`);
  assert.ok(long.length <= MAX_NAMESPACE_CHARS);
  assert.doesNotMatch(long, /-$/);
});

test('the script sees only the lab environment, never the caller’s', async () => {
  process.env.RUN_SCRIPT_TEST_SECRET = 'leak';
  try {
    const result = await runScript({script: script('env.sh', 'env | cut -d= -f1 | sort'), env: env(), timeoutMs: 5_000});
    assert.equal(result.code, 0, result.stderr);
    const names = result.stdout.trim().split('\n');
    assert.ok(!names.includes('RUN_SCRIPT_TEST_SECRET'));
    for (const name of ['LAB_ID', 'LAB_DIR', 'LAB_WORKDIR', 'LAB_NAMESPACE', 'PATH', 'HOME', 'LANG']) assert.ok(names.includes(name), name);
  } finally {
    delete process.env.RUN_SCRIPT_TEST_SECRET;
  }
});

test('a timeout ends the script and everything it started', async () => {
  const pidFile = path.join(dir, 'child.pid');
  const hang = script('hang.sh', `sleep 300 &\necho $! >"${pidFile}"\nsleep 300`);
  const started = Date.now();
  const result = await runScript({script: hang, env: env(), timeoutMs: 500});
  assert.ok(result.timedOut);
  assert.notEqual(result.code, 0);
  assert.ok(Date.now() - started < 500 + KILL_GRACE_MS + 2_000, 'runScript must return soon after the timeout');
  const child = Number(fs.readFileSync(pidFile, 'utf8'));
  assert.ok(!alive(child), `background process ${child} outlived its script`);
});

test('a background process left by a finished script is ended too', async () => {
  const pidFile = path.join(dir, 'stray.pid');
  const result = await runScript({script: script('stray.sh', `sleep 300 &\necho $! >"${pidFile}"`), env: env(), timeoutMs: 5_000});
  assert.equal(result.code, 0);
  assert.equal(result.timedOut, false);
  const stray = Number(fs.readFileSync(pidFile, 'utf8'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!alive(stray), `background process ${stray} outlived its script`);
});

test('failureCodeOf accepts exactly one code and nothing else', () => {
  assert.equal(failureCodeOf('POD_NOT_READY\n'), 'POD_NOT_READY');
  assert.equal(failureCodeOf('pod is not ready\n'), undefined);
  assert.equal(failureCodeOf('A\nB\n'), undefined);
  assert.equal(failureCodeOf(''), undefined);
});
