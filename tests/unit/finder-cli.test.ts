/** `npm run find`: the same finder in the terminal, its output and its exit codes. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import * as D from './fixtures/find-dumps';

const siteDir = path.resolve(__dirname, '../..');

function find(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/find.ts', ...args], {cwd: siteDir, input, encoding: 'utf8', timeout: 60_000});
  return {code: run.status, out: run.stdout, err: run.stderr};
}

test('a describe piped in prints the finding and the page URLs, exit 0', () => {
  const {code, out} = find([], D.DESCRIBE_POD_OOM);
  assert.equal(code, 0);
  assert.match(out, /^Findings:\n {2}1\. Container api was killed for exceeding its memory limit \(exit 137, OOMKilled\), 4 restarts\n {5}→ OOMKilled {2}http:\/\/localhost:3000\/runbooks\/oomkilled/);
  assert.match(out, /Pages, best first:\n {2}1\. \[Runbook\] OOMKilled\n {5}http:\/\/localhost:3000\/runbooks\/oomkilled/);
});

test('an argument, in Korean, with a public base URL', () => {
  const {code, out} = find(['--locale', 'ko', '--base-url', 'https://docs.example.org/', '파드가 계속 재시작돼요']);
  assert.equal(code, 0);
  assert.match(out, /관련 페이지 \(관련도 순\):\n {2}1\. \[런북\] CrashLoopBackOff\n {5}https:\/\/docs\.example\.org\/ko\/runbooks\/crashloopbackoff/);
});

test('nothing matched: says so, shows where to look, exit 1', () => {
  const {code, out} = find(['my', 'coffee', 'machine', 'is', 'broken']);
  assert.equal(code, 1);
  assert.match(out, /^Nothing on this site matches what was given\.\nBrowse the runbooks: http:\/\/localhost:3000\/runbooks\nFull-text search: http:\/\/localhost:3000\/search\?q=/);
});

test('what was recognised is printed when nothing matches', () => {
  const {code, out} = find([], 'NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          3d');
  assert.equal(code, 1);
  assert.match(out, /Recognised: a Pod web-0: Running/);
});

test('bad usage exits 2 with the reason', () => {
  assert.equal(find(['--locale', 'fr', 'x']).code, 2);
  assert.match(find(['--locale', 'fr', 'x']).err, /--locale must be en or ko, not "fr"/);
  assert.match(find(['--base-url', 'localhost', 'x']).err, /--base-url must be an http\(s\) URL/);
  assert.equal(find([], '').code, 2);
});
