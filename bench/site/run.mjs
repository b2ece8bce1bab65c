/**
 * bench/site: Lighthouse (mobile and desktop) on one page of each type, plus the JavaScript each
 * page type downloads. Budget (DESIGN.md): mobile performance >= 0.90, accessibility 1.0.
 *
 *   npm run build && npm run bench:site
 *
 * Serves ./build on 127.0.0.1 itself, gzip-compressed as any production host would, and uses the same browser the tests use (E2E_CHROMIUM, else
 * /usr/bin/chromium). Lighthouse runs are noisy on a busy machine: each page is measured RUNS
 * times and the median is printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import {serve} from './static-server.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.BENCH_SITE_PORT ?? 4180);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGES = [
  ['home', '/'],
  ['runbook', '/runbooks/crashloopbackoff'],
  ['case', '/cases/case-zalando-etcd-cascade'],
  ['find', '/find'],
  ['lab', '/labs/kustomize-parent-dir'],
  ['runbook (ko)', '/ko/runbooks/crashloopbackoff'],
];

if (!fs.existsSync(path.join(root, 'build', 'index.html'))) {
  console.error('No build found. Run: npm run build');
  process.exit(2);
}

// Compressed, as a production host serves it (see static-server.mjs).
const server = await serve(path.join(root, 'build'), PORT);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function audit(url, formFactor) {
  const config = formFactor === 'desktop'
    ? {extends: 'lighthouse:default', settings: {formFactor: 'desktop', screenEmulation: {mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false}, throttling: {rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0}}}
    : {extends: 'lighthouse:default'};
  const result = await lighthouse(url, {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility']}, config);
  const lhr = result.lhr;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)).map((a) => a.id);
  return {
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    lcpMs: lhr.audits['largest-contentful-paint'].numericValue,
    tbtMs: lhr.audits['total-blocking-time'].numericValue,
    jsKB: jsBytes / 1024,
    failing,
  };
}

const rows = [];
let overBudget = 0;
for (const [type, pagePath] of PAGES) {
  for (const formFactor of ['mobile', 'desktop']) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await audit(`${ORIGIN}${pagePath}`, formFactor));
    const row = {
      type,
      formFactor,
      performance: median(runs.map((r) => r.performance)),
      accessibility: median(runs.map((r) => r.accessibility)),
      lcpMs: median(runs.map((r) => r.lcpMs)),
      tbtMs: median(runs.map((r) => r.tbtMs)),
      jsKB: median(runs.map((r) => r.jsKB)),
      failing: [...new Set(runs.flatMap((r) => r.failing))],
    };
    rows.push(row);
    const over = formFactor === 'mobile' && (row.performance < 0.9 || row.accessibility < 1);
    if (over) overBudget += 1;
    console.log(
      `${type.padEnd(13)} ${formFactor.padEnd(8)} perf ${row.performance.toFixed(2)}  a11y ${row.accessibility.toFixed(2)}  LCP ${(row.lcpMs / 1000).toFixed(2)} s  TBT ${row.tbtMs.toFixed(0)} ms  JS ${row.jsKB.toFixed(0)} KB${over ? '  OVER BUDGET' : ''}${row.failing.length ? `  a11y audits below 1: ${row.failing.join(', ')}` : ''}`,
    );
  }
}

await chrome.kill();
server.close();
const home = rows.find((r) => r.type === 'home' && r.formFactor === 'mobile');
const lab = rows.find((r) => r.type === 'lab' && r.formFactor === 'mobile');
if (home && lab) console.log(`\nJavaScript a lab page loads beyond the home page (xterm and the lab widget): ${(lab.jsKB - home.jsKB).toFixed(0)} KB`);
console.log(overBudget === 0 ? 'PASS: every page within the mobile budget' : `OVER BUDGET: ${overBudget} page(s) below mobile performance 0.90 or accessibility 1.0`);
