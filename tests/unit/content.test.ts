/**
 * Every page of both locales, one named test each: front matter valid, fixed sections in order,
 * no unfinished text. Plus ko/en parity over the whole site.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {DOCS_DIR, KO_DOCS_DIR, listPages, readPage} from '../../src/catalog/pages';
import {formatProblem, validatePages} from '../../src/catalog/validate';
import {checkParity, headingAnchors} from '../../src/catalog/parity';
import {loadLabs} from '../../labs/lib/lab-schema';

const siteDir = path.resolve(__dirname, '../..');
const labIds = new Set(loadLabs(path.join(siteDir, 'labs/scenarios')).keys());

/** The sections every page of a kind has, in this order (CONTRIBUTING.md). */
const REQUIRED_SECTIONS: Record<string, string[]> = {
  runbook: ['meaning', 'impact', 'diagnosis', 'mitigation', 'verify'],
  retro: ['symptom', 'debugging', 'root-cause', 'fix', 'lesson'],
  case: ['situation', 'problem', 'resolution', 'lessons', 'source'],
};

/** Words that mark a page as unfinished, in either language. */
const UNFINISHED = /\b(TODO|TBD|FIXME|lorem ipsum|coming soon)\b|작성 예정|추후 작성/i;

for (const dir of [DOCS_DIR, KO_DOCS_DIR]) {
  const sources = listPages(siteDir, dir).map((file) => readPage(siteDir, file));
  const {problems} = validatePages(sources, {labIds});

  for (const source of sources) {
    test(`${source.file}`, () => {
      const own = problems.filter((p) => p.file === source.file).map(formatProblem);
      assert.deepEqual(own, [], 'front matter problems');
      const type = String(source.frontMatter.type);
      const anchors = headingAnchors(source.body);
      const required = REQUIRED_SECTIONS[type] ?? [];
      const positions = required.map((anchor) => anchors.indexOf(anchor));
      assert.ok(positions.every((p) => p >= 0), `missing sections: ${required.filter((_, i) => positions[i] < 0).join(', ')} (need ## ... {#${required.join('}, {#')}})`);
      assert.deepEqual([...positions].sort((a, b) => a - b), positions, `sections out of order; expected ${required.join(' → ')}`);
      assert.doesNotMatch(source.body, UNFINISHED, 'unfinished text');
      if (type === 'lab') assert.match(source.body, new RegExp(`<Lab id="${source.frontMatter.id}" />`), 'a lab page embeds its own lab');
    });
  }
}

test('every page exists in both languages with the same neutral front matter and anchors', () => {
  const report = checkParity(siteDir);
  assert.deepEqual(report.errors, []);
  assert.ok(report.pairs.length > 40, `expected the whole site to be paired, found ${report.pairs.length} pairs`);
  if (report.outdated.length > 0) console.log(`outdated Korean pages:\n  ${report.outdated.join('\n  ')}`);
});

test('runbooks and the cases, retrospectives and labs they relate to link both ways', () => {
  const {pages} = validatePages(listPages(siteDir, DOCS_DIR).map((file) => readPage(siteDir, file)), {labIds});
  const byId = new Map(pages.map((p) => [p.frontMatter.id, p.frontMatter]));
  const oneWay: string[] = [];
  for (const page of pages) {
    for (const ref of page.frontMatter.related) {
      const other = byId.get(ref);
      if (!other) continue;
      const types = new Set([page.frontMatter.type, other.type]);
      if (!types.has('runbook') || !(types.has('case') || types.has('retro') || types.has('lab'))) continue;
      if (!other.related.includes(page.frontMatter.id)) oneWay.push(`${page.frontMatter.id} → ${ref}: add ${page.frontMatter.id} to the related list of ${ref}`);
    }
  }
  assert.deepEqual(oneWay, []);
});
