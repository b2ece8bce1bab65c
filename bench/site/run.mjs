/**
 * bench/site: Lighthouse (mobile: a mid-range phone, 4× CPU slowdown, slow 4G, simulated) on one
 * page of each type of the built site, the median of BENCH_RUNS runs (default 5) per page, against
 * the budget in DESIGN.md: performance >= 0.95 and accessibility 1.0 on every page type. Beside the
 * scores it prints what explains them: total blocking time, the largest main-thread task and the
 * script it belongs to, LCP, CLS and the JavaScript the page downloads; at the end, one PASS or
 * FAIL line per page type, with PASS or FAIL for each of the two budgets.
 *
 *   npx docusaurus build && BENCH_RUNS=5 npm run bench:site
 *
 * BENCH_PAGES=home,runbook measures only those page types (for checks while iterating);
 * BENCH_BASELINE=<dir of another build> measures that build too, its runs alternating with this
 * one's, and prints it beside each page it also holds: on a shared machine, load changes from minute to minute,
 * so a change is judged against a baseline measured in the same minutes, not against an old figure.
 * BENCH_DESKTOP=1 adds a desktop run of each page (reported, not budgeted); BENCH_VERBOSE=1 prints
 * the median run's main-thread breakdown, script costs and long tasks.
 *
 * Serves ./build itself on 127.0.0.1, gzip-compressed as any production host would, and uses the
 * browser the tests use (E2E_CHROMIUM, else /usr/bin/chromium). Exits 1 when a page is over budget,
 * 2 when the bench cannot run.
 */
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import {serve} from './static-server.mjs';
import {summarise} from './summary.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const buildDir = path.join(root, 'build');
const PORT = Number(process.env.BENCH_SITE_PORT ?? 4180);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET = {performance: 0.95, accessibility: 1};

/** One page of each type; [type, path]. */
const PAGES = [
  ['home', '/'],
  ['runbook', '/runbooks/crashloopbackoff'],
  ['case', '/cases/case-zalando-etcd-cascade'],
  ['retro', '/retros/bug-001-ssh-heredoc-quoting'],
  ['reference', '/reference/everyday-commands'],
  ['find', '/find'],
  ['lab', '/labs/kustomize-parent-dir'],
  ['class roster', '/class/roster'],
  ['runbook (ko)', '/ko/runbooks/crashloopbackoff'],
];

/** The built file a route is served from (as static-server.mjs resolves it), or null. */
function builtFile(pagePath, dir = buildDir) {
  const clean = pagePath.replace(/^\//, '');
  return [path.join(dir, clean, 'index.html'), path.join(dir, `${clean}.html`)].find((file) => fs.existsSync(file)) ?? null;
}

if (!fs.existsSync(path.join(buildDir, 'index.html'))) {
  console.error('No build found. Run: npx docusaurus build');
  process.exit(2);
}
const only = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(',').map((t) => t.trim())) : null;
const pages = PAGES.filter(([type]) => !only || only.has(type));
if (pages.length === 0) {
  console.error(`BENCH_PAGES matches no page type; the types are: ${PAGES.map(([type]) => type).join(', ')}`);
  process.exit(2);
}

const server = await serve(buildDir, PORT);
const baselineDir = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
if (baselineDir && !fs.existsSync(path.join(baselineDir, 'index.html'))) {
  console.error(`BENCH_BASELINE: no index.html in ${baselineDir}`);
  process.exit(2);
}
const baselineServer = baselineDir ? await serve(baselineDir, PORT + 1) : null;
const BASELINE_ORIGIN = `http://127.0.0.1:${PORT + 1}`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const DESKTOP = {
  extends: 'lighthouse:default',
  settings: {
    formFactor: 'desktop',
    screenEmulation: {mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false},
    throttling: {rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0},
  },
};

/** One Lighthouse run; the figures the report needs. */
async function audit(url, formFactor) {
  const config = formFactor === 'desktop' ? DESKTOP : {extends: 'lighthouse:default'};
  const {lhr} = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility']}, config);
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const longTasks = lhr.audits['long-tasks']?.details?.items ?? [];
  const largest = longTasks.reduce((max, task) => (task.duration > (max?.duration ?? 0) ? task : max), null);
  const a11yRefs = new Set(lhr.categories.accessibility.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id));
  return {
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    lcpMs: lhr.audits['largest-contentful-paint'].numericValue,
    tbtMs: lhr.audits['total-blocking-time'].numericValue,
    cls: lhr.audits['cumulative-layout-shift'].numericValue,
    longestTaskMs: largest?.duration ?? 0,
    longestTaskUrl: largest?.url ?? '',
    jsKB: requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
    breakdown: Object.fromEntries((lhr.audits['mainthread-work-breakdown']?.details?.items ?? []).map((i) => [i.groupLabel ?? i.group, i.duration])),
    bootup: (lhr.audits['bootup-time']?.details?.items ?? []).map((i) => ({url: i.url, scriptingMs: i.scripting, parseMs: i.scriptParseCompile})),
    longTasks: longTasks.map((t) => ({url: t.url, startMs: t.startTime, durationMs: t.duration})),
    failingA11y: Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && a11yRefs.has(a.id)).map((a) => a.id),
  };
}

const formFactors = process.env.BENCH_DESKTOP ? ['mobile', 'desktop'] : ['mobile'];
const rows = [];
console.log(`site bench: Lighthouse ${formFactors.join(' and ')}, median of ${RUNS} runs per page, ${ORIGIN} (gzip)${baselineDir ? `, beside the baseline build ${path.relative(root, baselineDir)} (runs alternating)` : ''}\n`);
for (const [type, pagePath] of pages) {
  if (!builtFile(pagePath)) {
    console.log(`${type.padEnd(13)} not built: ${pagePath} is not in build/ (skipped)`);
    rows.push({type, skipped: true});
    continue;
  }
  for (const formFactor of formFactors) {
    const runs = [];
    const baselineRuns = [];
    // A baseline build may lack a page (a single-locale build, a page added since): no comparison then.
    const withBaseline = baselineServer && builtFile(pagePath, baselineDir);
    for (let i = 0; i < RUNS; i += 1) {
      runs.push(await audit(`${ORIGIN}${pagePath}`, formFactor));
      if (withBaseline) baselineRuns.push(await audit(`${BASELINE_ORIGIN}${pagePath}`, formFactor));
    }
    const row = summarise(type, formFactor, runs, BUDGET);
    rows.push(row);
    console.log(row.line);
    if (baselineServer && !withBaseline) console.log(`  (not in the baseline build: ${pagePath})`);
    if (withBaseline) {
      const base = summarise(`${type} [baseline]`, formFactor, baselineRuns, BUDGET);
      console.log(base.line.replace(/  OVER BUDGET/, ''));
      console.log(`  this build vs baseline: perf ${(row.performance - base.performance).toFixed(2)}, TBT ${(row.tbtMs - base.tbtMs).toFixed(0)} ms, longest task ${(row.longestTaskMs - base.longestTaskMs).toFixed(0)} ms, JS ${(row.jsKB - base.jsKB).toFixed(0)} KB`);
    }
    if (process.env.BENCH_VERBOSE) {
      // The median run's details: where the main thread's time went, per script, and each long task.
      const run = runs.find((r) => r.performance === row.performance) ?? runs[0];
      console.log(`  main thread: ${Object.entries(run.breakdown).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
      console.log(`  scripts: ${run.bootup.map((b) => `${b.url.split('/').pop()} ${b.scriptingMs.toFixed(0)}+${b.parseMs.toFixed(0)} ms`).join(', ')}`);
      console.log(`  long tasks: ${run.longTasks.map((t) => `${t.durationMs.toFixed(0)} ms at ${t.startMs.toFixed(0)} (${t.url.split('/').pop()})`).join(', ')}`);
    }
  }
}

await chrome.kill();
server.close();
baselineServer?.close();

const mobile = rows.filter((r) => !r.skipped && r.formFactor === 'mobile');
const home = mobile.find((r) => r.type === 'home');
const lab = mobile.find((r) => r.type === 'lab');
if (home && lab) console.log(`\nJavaScript a lab page loads beyond the home page (xterm and the lab widget): ${(lab.jsKB - home.jsKB).toFixed(0)} KB`);
console.log('');
for (const row of mobile) console.log(row.verdict);
for (const row of rows.filter((r) => r.skipped)) console.log(`SKIPPED  ${row.type}: not built`);
const over = mobile.filter((r) => !r.pass);
console.log(over.length === 0
  ? `site bench: all ${mobile.length} measured page types PASS (mobile performance >= ${BUDGET.performance}, accessibility ${BUDGET.accessibility})`
  : `site bench: ${over.length} of ${mobile.length} page types OVER BUDGET (${over.map((r) => r.type).join(', ')})`);
process.exit(over.length === 0 ? 0 : 1);
