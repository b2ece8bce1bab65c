/**
 * The finder's measure: every case in fixtures/find-cases.ts against the real catalogs, with the
 * thresholds the project holds it to. A case naming a page that is not in the catalog fails with
 * that said plainly: those pages are being written, and the case waits for them.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {catalogFromFiles} from '../../src/catalog/from-files';
import {answer, buildIndex} from '../../src/finder/finder';
import {FIND_CASES, type FindCase} from './fixtures/find-cases';

const TOP3_MIN = 0.97;
const TOP1_MIN = 0.85;

const siteDir = path.resolve(__dirname, '../..');
const indexes = {en: buildIndex(catalogFromFiles(siteDir, 'en')), ko: buildIndex(catalogFromFiles(siteDir, 'ko'))};

const expectedOf = (c: FindCase) => (c.first ? [c.first] : (c.top3 ?? []));
const label = (c: FindCase) => `[${c.locale ?? 'en'}] ${c.input.split('\n')[0].slice(0, 80)}`;

const graded = FIND_CASES.filter((c) => !c.nothing).map((c) => {
  const results = answer(indexes[c.locale ?? 'en'], c.input).results.map((r) => r.entry.id);
  const expected = expectedOf(c);
  return {c, results, expected, top1: expected.includes(results[0]), top3: results.slice(0, 3).some((id) => expected.includes(id))};
});

test('the fixture has the inputs it promises', () => {
  const count = (kind: FindCase['kind']) => FIND_CASES.filter((c) => c.kind === kind).length;
  assert.ok(FIND_CASES.length >= 120, `${FIND_CASES.length} cases`);
  assert.ok(count('dump') >= 30, `${count('dump')} dumps`);
  assert.ok(count('korean') >= 30, `${count('korean')} Korean queries`);
  assert.ok(count('nothing') >= 20, `${count('nothing')} must-be-nothing inputs`);
  assert.ok(FIND_CASES.filter((c) => c.kind === 'dump').every((c) => c.input.split('\n').length > 1), 'dumps are multi-line');
  for (const c of FIND_CASES) assert.ok(c.nothing || expectedOf(c).length > 0, `${label(c)} names no page`);
});

test('every page the fixture expects exists in the catalog', () => {
  const missing = [...new Set(graded.flatMap(({c, expected}) => (expected.some((id) => indexes[c.locale ?? 'en'].byId.has(id)) ? [] : expected.map((id) => `${id} (${c.locale ?? 'en'})`))))];
  assert.deepEqual(missing, [], `expected page does not exist in the catalog: ${missing.join(', ')}`);
});

test(`top-3 ≥ ${TOP3_MIN * 100}% and top-1 ≥ ${TOP1_MIN * 100}% over the fixture`, () => {
  const top1 = graded.filter((g) => g.top1).length / graded.length;
  const top3 = graded.filter((g) => g.top3).length / graded.length;
  const misses = graded.filter((g) => !g.top1).map((g) => `${g.top3 ? 'not first' : 'not in top 3'}: ${label(g.c)} → [${g.results.slice(0, 3).join(', ')}], expected ${g.expected.join(' | ')}`);
  const summary = `top-1 ${(top1 * 100).toFixed(1)}%, top-3 ${(top3 * 100).toFixed(1)}% of ${graded.length}\n  ${misses.join('\n  ')}`;
  assert.ok(top3 >= TOP3_MIN && top1 >= TOP1_MIN, summary);
});

for (const c of FIND_CASES.filter((x) => x.nothing)) {
  test(`nothing for: ${label(c)}`, () => {
    const a = answer(indexes[c.locale ?? 'en'], c.input);
    assert.deepEqual(a.results.map((r) => `${r.entry.id} (${r.kind}: ${r.terms?.join(', ') ?? ''})`), []);
    assert.deepEqual(a.findings.map((f) => f.rule), []);
  });
}
