/** The front-matter gate: each rule fails with the file and the field, and valid pages pass. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {formatProblem, validatePages, type PageSource} from '../../src/catalog/validate';

const runbook = (overrides: Record<string, unknown> = {}): PageSource => ({
  file: 'docs/runbooks/crashloopbackoff.mdx',
  frontMatter: {
    id: 'crashloopbackoff',
    type: 'runbook',
    title: 'CrashLoopBackOff',
    description: 'A container keeps crashing.',
    layer: 'workload',
    components: ['kubelet'],
    symptoms: ['CrashLoopBackOff'],
    error_patterns: [{regex: 'Back-off restarting failed container', example: 'Warning BackOff kubelet Back-off restarting failed container app'}],
    fix: 'Read the previous log.',
    related: [],
    ...overrides,
  },
});

function problems(sources: PageSource[], labIds?: Set<string>) {
  return validatePages(sources, {labIds}).problems.map(formatProblem);
}

test('a complete runbook passes', () => {
  assert.deepEqual(problems([runbook()]), []);
});

test('a missing field names the file and the field', () => {
  const {fix: _fix, ...rest} = runbook().frontMatter;
  const found = problems([{file: 'docs/runbooks/crashloopbackoff.mdx', frontMatter: rest}]);
  assert.equal(found.length, 1);
  assert.match(found[0], /^docs\/runbooks\/crashloopbackoff\.mdx: front matter "fix"/);
});

test('an unknown tag fails and points at the tags file', () => {
  const found = problems([runbook({components: ['kubelet', 'kubeletz']})]);
  assert.match(found.join('\n'), /"components\.1".*src\/data\/tags\.ts/);
});

test('an unknown layer and an unknown symptom fail', () => {
  assert.match(problems([runbook({layer: 'app'})]).join('\n'), /"layer"/);
  assert.match(problems([runbook({symptoms: ['CrashLoop']})]).join('\n'), /"symptoms\.0"/);
});

test('a misspelt field is rejected rather than ignored', () => {
  assert.match(problems([runbook({error_pattern: []})]).join('\n'), /error_pattern/);
});

test('an error pattern that does not compile fails', () => {
  const found = problems([runbook({error_patterns: [{regex: 'Back-off (restarting', example: 'x'}]})]);
  assert.match(found.join('\n'), /"error_patterns\.0\.regex" does not compile/);
});

test('an error pattern that does not match its own example fails', () => {
  const found = problems([runbook({error_patterns: [{regex: 'ImagePullBackOff', example: 'Back-off restarting failed container'}]})]);
  assert.match(found.join('\n'), /"error_patterns\.0\.example" is not matched/);
});

test('a related id that is no page fails', () => {
  const found = problems([runbook({related: ['no-such-page']})]);
  assert.match(found.join('\n'), /"related\.0" "no-such-page" is not the id of any page/);
});

test('duplicate ids fail', () => {
  const twin = {...runbook(), file: 'docs/reference/crashloopbackoff.mdx'};
  assert.match(problems([runbook(), twin]).join('\n'), /already used by docs\/runbooks\/crashloopbackoff\.mdx/);
});

test('the id must equal the file name', () => {
  assert.match(problems([{...runbook(), file: 'docs/runbooks/crashloop.mdx'}]).join('\n'), /the file is named "crashloop"/);
});

test('a lab page must name an existing lab', () => {
  const lab: PageSource = {
    file: 'docs/labs/no-such-lab.mdx',
    frontMatter: {id: 'no-such-lab', type: 'lab', title: 'x', description: 'y', layer: 'workload', components: ['kubelet']},
  };
  assert.match(problems([lab], new Set(['other-lab'])).join('\n'), /labs\/scenarios\/no-such-lab\/lab\.yaml/);
});

test('a case needs its case fields; dates may be YAML dates', () => {
  const base = {id: 'case-x', type: 'case', title: 't', description: 'd', layer: 'node', components: ['kubelet']};
  assert.match(problems([{file: 'docs/cases/case-x.mdx', frontMatter: base}]).join('\n'), /"source"/);
  const full = {...base, source: 'public', org: 'Example', date: new Date('2025-11-16'), impact: 'i', root_cause: 'r', lessons: ['l'], source_url: 'https://example.com/post'};
  assert.deepEqual(problems([{file: 'docs/cases/case-x.mdx', frontMatter: full}]), []);
});

test('a public case whose original cannot be linked must say it is unverified', () => {
  const base = {id: 'case-x', type: 'case', title: 't', description: 'd', layer: 'node', components: ['kubelet'], source: 'public', org: 'Example', impact: 'i', root_cause: 'r', lessons: ['l']};
  assert.match(problems([{file: 'docs/cases/case-x.mdx', frontMatter: base}]).join('\n'), /"unverified" must be true/);
  assert.deepEqual(problems([{file: 'docs/cases/case-x.mdx', frontMatter: {...base, unverified: true}}]), [], 'an undated, unverified public case is fine');
});

test('a case of our own cluster needs the day of the incident', () => {
  const base = {id: 'case-x', type: 'case', title: 't', description: 'd', layer: 'node', components: ['kubelet'], source: 'internal', org: 'Example', impact: 'i', root_cause: 'r', lessons: ['l']};
  assert.match(problems([{file: 'docs/cases/case-x.mdx', frontMatter: base}]).join('\n'), /"date" is required/);
});

test('a runbook lists only known alert names', () => {
  assert.deepEqual(problems([runbook({alerts: ['KubePodCrashLooping']})]), []);
  assert.match(problems([runbook({alerts: ['KubePodCrashloop']})]).join('\n'), /alerts\.0.*ALERTS/);
});
