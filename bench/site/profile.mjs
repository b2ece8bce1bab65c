/**
 * Where a page's startup CPU goes: loads one page of the built site in Chromium with the CPU slowed
 * 4× (as Lighthouse's mobile run), records a CPU profile from navigation until the page has been
 * quiet for a while, and prints the scripts and functions that took the most time, plus the long
 * tasks (> 50 ms) in order.
 *
 *   node bench/site/profile.mjs /runbooks/crashloopbackoff [more paths…]
 *
 * BENCH_PROFILE_OUT=dir also writes each .cpuprofile there (for Chromium's performance panel).
 */
import fs from 'node:fs';
import path from 'node:path';
import {chromium} from 'playwright';
import {serve} from './static-server.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.BENCH_SITE_PORT ?? 4181);
const CPU_SLOWDOWN = 4;
const QUIET_MS = 3000;
const TOP = 15;

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: node bench/site/profile.mjs <path> [path…]');
  process.exit(2);
}

const server = await serve(path.join(root, 'build'), PORT);
const browser = await chromium.launch({executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox']});

const label = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`.trim();
const ms = (us) => (us / 1000).toFixed(0).padStart(6);

for (const pagePath of paths) {
  const context = await browser.newContext({viewport: {width: 412, height: 823}, deviceScaleFactor: 1.75, isMobile: true});
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // A same-origin file first, so the page keeps its renderer process (and the profiler) when it
  // navigates to the page under test.
  await page.goto(`http://127.0.0.1:${PORT}/img/favicon.svg`);
  await cdp.send('Emulation.setCPUThrottlingRate', {rate: CPU_SLOWDOWN});
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', {interval: 200});
  await cdp.send('Profiler.start');
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({start: e.startTime, duration: e.duration});
    }).observe({type: 'longtask', buffered: true});
  });
  await page.goto(`http://127.0.0.1:${PORT}${pagePath}`, {waitUntil: 'load'});
  await page.waitForTimeout(QUIET_MS);
  const {profile} = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate(() => window.__longTasks);
  if (process.env.BENCH_PROFILE_OUT) {
    fs.mkdirSync(process.env.BENCH_PROFILE_OUT, {recursive: true});
    fs.writeFileSync(path.join(process.env.BENCH_PROFILE_OUT, `${pagePath.replace(/\W+/g, '_') || 'home'}.cpuprofile`), JSON.stringify(profile));
  }

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFunction = new Map();
  const selfByScript = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (node.callFrame.functionName === '(idle)') return;
    busy += dt;
    const key = label(node.callFrame);
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt);
    const script = node.callFrame.url ? node.callFrame.url.split('/').pop() : node.callFrame.functionName;
    selfByScript.set(script, (selfByScript.get(script) ?? 0) + dt);
  });
  console.log(`\n${pagePath}  busy ${ms(busy).trim()} ms (CPU ×${CPU_SLOWDOWN}, from navigation to ${QUIET_MS / 1000} s after load)`);
  console.log('  long tasks:', longTasks.map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`).join(', ') || 'none');
  console.log('  by script (self time):');
  for (const [script, t] of [...selfByScript].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${ms(t)} ms  ${script}`);
  console.log('  by function (self time):');
  for (const [fn, t] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms(t)} ms  ${fn}`);
  await context.close();
}

await browser.close();
server.close();
