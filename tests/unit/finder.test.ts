/**
 * /find's matching against the real catalog of both locales: a fixture of real error lines,
 * every runbook's own examples, Korean queries, and hostile input.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {catalogFromFiles} from '../../src/catalog/from-files';
import {buildIndex, find, prepareInput, MAX_INPUT_CHARS} from '../../src/finder/match';
import {readQuery, writeQuery, MAX_URL_QUERY_CHARS} from '../../src/finder/url';
import {FIND_CASES, FIND_CASES_KO, type FindCase} from './fixtures/find-lines';

const siteDir = path.resolve(__dirname, '../..');
const catalogs = {en: catalogFromFiles(siteDir, 'en'), ko: catalogFromFiles(siteDir, 'ko')};
const indexes = {en: buildIndex(catalogs.en), ko: buildIndex(catalogs.ko)};

function top3(locale: 'en' | 'ko', text: string): string[] {
  return find(indexes[locale], prepareInput(text)).slice(0, 3).map((r) => r.entry.id);
}

test('the fixture has at least 40 real lines', () => {
  assert.ok(FIND_CASES.length >= 40, `only ${FIND_CASES.length}`);
});

for (const [locale, cases] of [['en', FIND_CASES], ['ko', FIND_CASES_KO]] as const) {
  for (const c of cases as FindCase[]) {
    test(`[${locale}] ${c.line.split('\n')[0].slice(0, 90)}`, () => {
      const got = top3(locale, c.line);
      assert.ok(
        got.some((id) => c.expect.includes(id)),
        `top 3 were [${got.join(', ')}]; expected one of [${c.expect.join(', ')}]`,
      );
    });
  }
}

for (const locale of ['en', 'ko'] as const) {
  for (const entry of catalogs[locale].entries.filter((e) => e.type === 'runbook')) {
    test(`[${locale}] runbook ${entry.id} is the first runbook for each of its own examples`, () => {
      for (const pattern of entry.errorPatterns) {
        const results = find(indexes[locale], prepareInput(pattern.example));
        const firstRunbook = results.find((r) => r.entry.type === 'runbook');
        assert.equal(firstRunbook?.entry.id, entry.id, `example: ${pattern.example}\nresults: ${results.slice(0, 5).map((r) => r.entry.id).join(', ')}`);
      }
    });
  }
}

test('a multi-line kubectl describe finds the runbook and shows the line that matched', () => {
  const describe = [
    'Name:             web-0',
    'Namespace:        default',
    'Status:           Running',
    'Containers:',
    '  app:',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    '      Reason:       Error',
    '      Exit Code:    1',
    'Events:',
    '  Warning  BackOff  3m (x15 over 8m)  kubelet  Back-off restarting failed container app in pod web-0_default(1f0e)',
  ].join('\n');
  const [first] = find(indexes.en, prepareInput(describe));
  assert.equal(first.entry.id, 'crashloopbackoff');
  assert.equal(first.kind, 'pattern');
  assert.ok(first.line && first.span);
  assert.match(first.line.slice(first.span[0], first.span[1]), /back-off/i);
});

test('a status chip alone finds the pages that list it', () => {
  const results = find(indexes.en, prepareInput(''), {statuses: ['OOMKilled']});
  assert.ok(results.length > 0);
  assert.ok(results.every((r) => r.entry.symptoms.includes('OOMKilled')));
  assert.equal(results.find((r) => r.entry.type === 'runbook')?.entry.id, 'oomkilled');
});

test('the home page chips for 403 and x509 lead to their runbooks first, in both locales', () => {
  for (const locale of ['en', 'ko'] as const) {
    for (const [status, runbook] of [['Forbidden', 'rbac-forbidden'], ['CertificateError', 'certificate-x509']]) {
      const first = find(indexes[locale], prepareInput(''), {statuses: [status]})[0];
      assert.equal(first?.entry.id, runbook, `[${locale}] chip ${status}`);
    }
  }
});

test('regex special characters in the paste are plain text', () => {
  for (const hostile of ['(((', '[a-z', '*+?', '\\', '(?<x>', ')$^|{2,1}']) {
    assert.doesNotThrow(() => find(indexes.en, prepareInput(hostile)));
  }
});

test('a 1 MB paste is cut to the limit and still answers', () => {
  const line = 'Back-off restarting failed container app in pod web-0\n';
  const huge = line.repeat(Math.ceil((1024 * 1024) / line.length));
  const input = prepareInput(huge);
  assert.equal(input.truncated, true);
  assert.equal(input.text.length, MAX_INPUT_CHARS);
  assert.equal(find(indexes.en, input)[0].entry.id, 'crashloopbackoff');
});

test('empty input finds nothing', () => {
  assert.deepEqual(find(indexes.en, prepareInput('   \n\n ')), []);
});

test('the URL reproduces a search, and keeps long pastes out', () => {
  const search = writeQuery('dial tcp 10.96.0.1:443: i/o timeout', ['CrashLoopBackOff']);
  assert.deepEqual(readQuery(search), {q: 'dial tcp 10.96.0.1:443: i/o timeout', statuses: ['CrashLoopBackOff']});
  assert.equal(writeQuery('x'.repeat(MAX_URL_QUERY_CHARS + 1), []), '');
});
