/**
 * /find's ranking against the real catalog of both locales: the user-visible failures it must not
 * repeat, every runbook's own examples, alerts, status chips, and hostile input.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {catalogFromFiles} from '../../src/catalog/from-files';
import type {Catalog, CatalogEntry} from '../../src/catalog/types';
import {answer, buildIndex, matched} from '../../src/finder/finder';
import {find, prepareInput, MAX_INPUT_CHARS} from '../../src/finder/match';
import {readQuery as readUrl, writeQuery, MAX_URL_QUERY_CHARS} from '../../src/finder/url';
import {RULES} from '../../src/finder/rules';
import * as D from './fixtures/find-dumps';

const siteDir = path.resolve(__dirname, '../..');
const catalogs = {en: catalogFromFiles(siteDir, 'en'), ko: catalogFromFiles(siteDir, 'ko')};
const indexes = {en: buildIndex(catalogs.en), ko: buildIndex(catalogs.ko)};
const ids = (locale: 'en' | 'ko', text: string) => answer(indexes[locale], text).results.map((r) => r.entry.id);

test('a whole describe of an OOM-killed Pod leads to oomkilled first, with the finding', () => {
  const a = answer(indexes.en, D.DESCRIBE_POD_OOM);
  assert.equal(a.results[0].entry.id, 'oomkilled');
  assert.equal(a.results[0].kind, 'finding');
  assert.equal(a.findings[0].text.en, 'Container api was killed for exceeding its memory limit (exit 137, OOMKilled), 4 restarts');
  const [line, span] = [a.results[0].line!, a.results[0].span!];
  assert.equal(line.slice(span[0], span[1]), 'OOMKilled');
});

test('unrelated text finds nothing, and stop words alone never match', () => {
  for (const text of ['my coffee machine is broken', 'is the it my of and', '계속 좀 왜 안 돼요']) {
    const a = answer(indexes.en, text);
    assert.deepEqual(a.results, [], text);
    assert.equal(matched(a), false);
  }
});

test('"Matched" is the part that matched, never the whole input', () => {
  const text = 'after the upgrade our pods show CrashLoopBackOff every few minutes';
  const [first] = answer(indexes.en, text).results;
  assert.equal(first.entry.id, 'crashloopbackoff');
  assert.equal(first.line!.slice(first.span![0], first.span![1]), 'CrashLoopBackOff');
  for (const r of answer(indexes.en, 'controller memory keeps growing').results) {
    if (r.kind === 'text') assert.ok(r.terms && r.terms.length > 0 && !r.terms.includes('keeps'), r.entry.id);
  }
});

test('an x509 error does not lead to an unrelated page on a shared word', () => {
  const results = ids('en', 'x509: certificate has expired or is not yet valid');
  assert.ok(!results.includes('watch-not-recovering'), results.join(', '));
  assert.equal(answer(indexes.en, 'x509: certificate has expired or is not yet valid').findings[0].page, 'certificate-x509');
});

test('Korean: particles and fillers do not decide; 재시작 means CrashLoopBackOff', () => {
  assert.equal(ids('ko', '파드가 계속 재시작돼요')[0], 'crashloopbackoff');
  assert.notEqual(ids('ko', '파드가 계속 재시작돼요')[0], 'controller-memory-growth');
  assert.equal(ids('ko', '서비스에 연결이 안 돼요')[0], 'service-no-endpoints');
});

test('a Korean query on the English catalog is read through the mapping and offers the Korean site', () => {
  const a = answer(indexes.en, '파드가 계속 재시작돼요');
  assert.equal(a.results[0].entry.id, 'crashloopbackoff');
  assert.equal(a.koreanOnOtherLocale, true);
  assert.equal(answer(indexes.ko, '파드가 계속 재시작돼요').koreanOnOtherLocale, false);
});

for (const locale of ['en', 'ko'] as const) {
  const runbooks = catalogs[locale].entries.filter((e) => e.type === 'runbook');
  for (const entry of runbooks) {
    test(`[${locale}] runbook ${entry.id} is the first runbook for each of its own examples`, () => {
      for (const pattern of entry.errorPatterns) {
        // Two runbooks may quote the same line; then either may come first.
        const owners = runbooks.filter((r) => r.errorPatterns.some((p) => p.example === pattern.example)).map((r) => r.id);
        const results = answer(indexes[locale], pattern.example).results;
        const firstRunbook = results.find((r) => r.entry.type === 'runbook');
        assert.ok(firstRunbook && owners.includes(firstRunbook.entry.id), `example: ${pattern.example}\nexpected ${owners.join(' or ')}; results: ${results.slice(0, 5).map((r) => r.entry.id).join(', ')}`);
      }
    });
  }
}

/** A catalog of two runbooks, one listing alerts, as the front matter's `alerts:` will. */
function alertCatalog(): Catalog {
  const base = catalogs.en.entries.find((e) => e.id === 'crashloopbackoff')!;
  const entry = (id: string, alerts: string[]): CatalogEntry => ({...base, id, url: `/runbooks/${id}`, alerts, errorPatterns: [], symptoms: ['CrashLoopBackOff'], text: ''});
  return {locale: 'en', entries: [entry('crashloopbackoff', ['KubePodCrashLooping', 'KubeContainerWaiting']), entry('node-notready', ['KubeNodeNotReady'])]};
}

test('an alert name, bare or in an Alertmanager title, leads to the runbooks listing it', () => {
  const index = buildIndex(alertCatalog());
  for (const text of ['KubePodCrashLooping', '[FIRING:1] KubePodCrashLooping (api-5f7c9b8d4-qw2er shop warning)', 'alertname="KubeNodeNotReady"']) {
    const [first] = answer(index, text).results;
    assert.equal(first.kind, 'alert', text);
    assert.equal(first.entry.id, text.includes('Node') ? 'node-notready' : 'crashloopbackoff', text);
  }
  assert.equal(answer(index, 'KubeHpaMaxedOut').results.filter((r) => r.kind === 'alert').length, 0);
});

test('every rule leads to a page that exists in both catalogs', () => {
  const missing = RULES.flatMap((rule) =>
    rule.pages.flatMap((page) => (['en', 'ko'] as const).filter((l) => !indexes[l].byId.has(page)).map((l) => `${rule.id} → ${page} (${l})`)),
  );
  assert.deepEqual(missing, [], `rule targets missing from the catalog:\n  ${missing.join('\n  ')}`);
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
  for (const hostile of ['(((', '[a-z', '*+?', '\\', '(?<x>', ')$^|{2,1}', '{"a": [1, {', 'Name:\nState:\n  Reason:']) {
    assert.doesNotThrow(() => answer(indexes.en, hostile));
  }
});

test('a 1 MB paste is cut to the limit and still answers', () => {
  const line = 'Back-off restarting failed container app in pod web-0\n';
  const huge = line.repeat(Math.ceil((1024 * 1024) / line.length));
  const a = answer(indexes.en, huge);
  assert.equal(a.input.truncated, true);
  assert.equal(a.input.text.length, MAX_INPUT_CHARS);
  assert.equal(a.results[0].entry.id, 'crashloopbackoff');
});

test('empty input finds nothing', () => {
  assert.deepEqual(answer(indexes.en, '   \n\n ').results, []);
});

test('the URL reproduces a search, and keeps long pastes out', () => {
  const search = writeQuery('dial tcp 10.96.0.1:443: i/o timeout', ['CrashLoopBackOff']);
  assert.deepEqual(readUrl(search), {q: 'dial tcp 10.96.0.1:443: i/o timeout', statuses: ['CrashLoopBackOff']});
  assert.equal(writeQuery('x'.repeat(MAX_URL_QUERY_CHARS + 1), []), '');
});

test("every pattern's required literal is in its own example, so the pre-test never hides a match", () => {
  for (const locale of ['en', 'ko'] as const) {
    for (const p of indexes[locale].patterns) {
      const entry = indexes[locale].entries[p.entry];
      for (const example of entry.errorPatterns.filter((e) => new RegExp(e.regex, 'i').source === p.re.source).map((e) => e.example)) {
        assert.ok(example.toLowerCase().includes(p.literal), `${entry.id}: /${p.re.source}/ literal "${p.literal}" not in "${example}"`);
      }
    }
  }
});
