/** The lab widget's pure parts: key bytes for the phone key bar, live task state, stored history. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BarKey, keySequence, withCtrl} from '../../src/components/Lab/keys';
import {allPassed, newSession, withCheckResult} from '../../src/components/Lab/live-session';
import {formatCompletionDate, loadHistory} from '../../src/components/Lab/progress';

test('the key bar sends the bytes xterm sends for the physical keys', () => {
  assert.equal(keySequence(BarKey.Escape), '\x1b');
  assert.equal(keySequence(BarKey.Tab), '\t');
  assert.equal(keySequence(BarKey.Up), '\x1b[A');
  assert.equal(keySequence(BarKey.Left, {applicationCursor: true}), '\x1bOD');
  assert.equal(keySequence(BarKey.Right, {ctrl: true}), '\x1b[1;5C');
});

test('Ctrl turns one typed character into its control character, and leaves words alone', () => {
  assert.equal(withCtrl('c'), '\x03');
  assert.equal(withCtrl('C'), '\x03');
  assert.equal(withCtrl('['), '\x1b');
  assert.equal(withCtrl('?'), '\x7f');
  assert.equal(withCtrl('한'), '한');
  assert.equal(withCtrl('ls'), 'ls');
});

test('a check result sets the task state both ways, and only asked-for failures count', () => {
  const pass = [{id: 'a', pass: true, code: null, blocked: false}];
  const fail = [{id: 'a', pass: false, code: 'BROKEN', blocked: false}];
  const start = {...newSession('s1'), setUp: true};
  const passed = withCheckResult(start, pass, true, 1000);
  assert.ok(allPassed(passed, ['a']));
  assert.equal(passed.finishedAtMs, 1000);
  const failedQuietly = withCheckResult(passed, fail, false, 2000);
  assert.ok(!allPassed(failedQuietly, ['a']));
  assert.equal(failedQuietly.finishedAtMs, null);
  assert.equal(failedQuietly.failedChecks, 0);
  assert.equal(withCheckResult(failedQuietly, fail, true, 3000).failedChecks, 1);
  assert.ok(!allPassed(newSession('s2'), ['a']), 'a new session has no result yet');
});

test('the stored history keeps only the completion date from the old progress format', () => {
  const store = new Map<string, string>();
  (globalThis as unknown as {localStorage: Pick<Storage, 'getItem'>}).localStorage = {getItem: (k) => store.get(k) ?? null};
  store.set('k8slab.progress.demo', JSON.stringify({setUp: true, finishedAtMs: 1_700_000_000_000, tasks: {a: {pass: true}}, hintsShown: {a: 2}}));
  assert.deepEqual(loadHistory('demo'), {completedAtMs: 1_700_000_000_000, hintsShown: {a: 2}});
  store.set('k8slab.progress.demo', '{not json');
  assert.deepEqual(loadHistory('demo'), {completedAtMs: null, hintsShown: {}});
});

test('the completion date reads as each language writes dates', () => {
  const at = Date.UTC(2025, 4, 3, 12);
  assert.match(formatCompletionDate(at, 'en'), /May 3, 2025/);
  assert.match(formatCompletionDate(at, 'ko'), /2025\. 5\. 3\./);
});
