/**
 * `npm test`: everything, in layers, from a fresh clone. Ends with the line `N passed, N failed`.
 *
 *   1. tools      a browser and shellcheck (scripts/ensure-tools.mjs)
 *   2. unit       schemas, catalog, finder, parity, runner, lab statics, local labs (node --test)
 *   3. typecheck  the site and the runner (tsc --noEmit)
 *   4. build      the site in both locales (front matter, broken links and anchors fail it)
 *   5. e2e        Playwright against the built site served on 127.0.0.1, with a live runner
 *
 * A failing layer does not hide the next one where the next can still run: unit failures still
 * let the build and the browser tests report, so one run shows everything that is wrong.
 */
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, '.tmp', 'test');
fs.mkdirSync(outDir, {recursive: true});

const totals = {passed: 0, failed: 0, skipped: 0};
const failures = [];

function banner(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 70 - title.length))}`);
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: root, stdio: 'inherit', env: {...process.env, ...env}});
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function listFiles(dir, pattern) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function preflight() {
  banner('preflight');
  if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
    console.error('Dependencies are not installed. Run: npm ci');
    process.exit(2);
  }
  const pty = spawnSync(process.execPath, ['-e', "require('node-pty')"], {cwd: root, encoding: 'utf8'});
  if (pty.status !== 0) {
    console.error('node-pty is installed but not compiled. Run: npm rebuild node-pty');
    console.error(pty.stderr.split('\n').slice(0, 3).join('\n'));
    process.exit(2);
  }
  console.log(`node ${process.version}; node-pty loads`);
}

async function tools() {
  banner('tools');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-tools.mjs')], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
  const env = {};
  for (const line of result.stdout.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  if (result.status !== 0) {
    totals.failed += 1;
    failures.push('tools: a browser, shellcheck or kubectl is missing (see above)');
  }
  return env;
}

async function unit() {
  banner('unit and integration (node --test)');
  const files = [
    ...listFiles('tests/unit', /\.test\.ts$/),
    ...listFiles('tests/labs', /\.test\.ts$/),
    ...listFiles('labs/runner/test', /\.test\.ts$/),
    ...listFiles('labs/class/test', /\.test\.ts$/),
  ];
  const tap = path.join(outDir, 'unit.tap');
  const code = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name) => Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text) ?? [])[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += count('skipped') + count('todo');
  if (code !== 0 && failed === 0) {
    totals.failed += 1;
    failures.push(`unit: node --test exited ${code}`);
  } else if (failed > 0) {
    failures.push(`unit: ${failed} failed`);
  }
}

async function typecheck() {
  banner('typecheck');
  for (const project of ['tsconfig.json', 'labs/runner/tsconfig.json', 'labs/class/tsconfig.json']) {
    const code = await run('npx', ['tsc', '--noEmit', '-p', project]);
    if (code === 0) {
      totals.passed += 1;
      console.log(`${project}: no type errors`);
    } else {
      totals.failed += 1;
      failures.push(`typecheck: ${project} has type errors (see above)`);
    }
  }
}

async function build() {
  banner('build (both locales)');
  const started = Date.now();
  const code = await run('npx', ['docusaurus', 'build']);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (code === 0) {
    totals.passed += 1;
    console.log(`site built in ${seconds} s`);
  } else {
    totals.failed += 1;
    failures.push('build: docusaurus build failed (see above)');
  }
  return code === 0;
}

async function e2e(env) {
  banner('end to end (Playwright)');
  const report = path.join(outDir, 'e2e.json');
  fs.rmSync(report, {force: true});
  const code = await run('npx', ['playwright', 'test'], {...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report});
  if (!fs.existsSync(report)) {
    totals.failed += 1;
    failures.push(`e2e: Playwright exited ${code} without a report`);
    return;
  }
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  const stats = result.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (stats.unexpected) failures.push(`e2e: ${stats.unexpected} failed`);
  // Playwright can fail before any test runs (the web server's port taken, a config error) and
  // still write a report with nothing unexpected in it: that is a failure too, never a pass.
  const globalErrors = (result.errors ?? []).map((e) => (e.message ?? String(e)).split('\n')[0]);
  if (code !== 0 && !stats.unexpected) {
    totals.failed += 1;
    failures.push(`e2e: Playwright exited ${code}${globalErrors.length ? `: ${globalErrors.join('; ')}` : ''}`);
  } else if ((stats.expected ?? 0) + (stats.flaky ?? 0) === 0) {
    totals.failed += 1;
    failures.push('e2e: no test ran');
  }
  if (stats.flaky) console.log(`note: ${stats.flaky} test(s) passed only on retry`);
}

preflight();
const env = await tools();
await unit();
await typecheck();
const built = await build();
if (built && env.E2E_CHROMIUM) {
  await e2e(env);
} else {
  failures.push('e2e: not run (no site build or no browser)');
  totals.failed += 1;
}

banner('summary');
for (const line of failures) console.log(`  ✗ ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
