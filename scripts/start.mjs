/**
 * The site and the lab runner, together, in one terminal:
 *
 *   npm start                  the site in English and Korean, built into build/ when that is
 *                              missing or older than its sources (minutes), served on
 *                              http://localhost:3000, then the runner, whose link is printed last
 *   npm run dev                the development server instead: one language, pages reload on save
 *   npm run dev -- --locale ko   … in Korean
 *   npm run runner             the runner alone
 *
 * Launcher options: --dev, --no-site, --rebuild (build the site even if it looks current),
 * --locale en|ko (the development server's language, and the printed link's). Everything else is
 * the runner's (`npm start -- --lab kustomize-parent-dir`, `--port 7700`, `--help`).
 *
 * The runner is compiled JavaScript (labs/runner/dist, compiled here when older than its sources)
 * started with node itself: no TypeScript loader and no npm process under it. Ctrl-C, SIGTERM and
 * SIGHUP stop everything started here, the runner's shells included; so does either the site or
 * the runner stopping on its own, or the terminal that started this going away.
 *
 * For tests, LAB_SITE_COMMAND (a JSON array: command and arguments) runs instead of the site,
 * with no build and no waiting for it to answer.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {RUNNER_ENTRY, RUNNER_NODE_FLAGS, ensureRunnerBuilt, newestFile} from './build-runner.mjs';
import {t} from './launcher-text.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const SITE_PORT = 3000;
const SITE_URL = `http://localhost:${SITE_PORT}`;
/** What the built site is made from: any file here newer than the build means building again. */
const SITE_SOURCES = [
  'docs', 'i18n', 'src', 'static', 'labs/scenarios', 'labs/lib',
  'docusaurus.config.ts', 'sidebars.ts', 'tsconfig.json', 'package.json', 'package-lock.json',
];
/** Pages written last by each locale's build: both present means both locales were built. */
const BUILD_MARKERS = ['build/index.html', 'build/ko/index.html'];
/** How long the site may take to answer once started: serving is quick, the dev server compiles first. */
const SITE_ANSWER_TIMEOUT_MS = {serve: 60_000, dev: 10 * 60_000};
/** After SIGTERM to what is still running, SIGKILL after this long. */
const STOP_KILL_AFTER_MS = 10_000;
/** How often to check that the process that started this one (npm, a terminal) is still there. */
const PARENT_CHECK_MS = 1000;

// Whoever reads our output may be gone (its terminal closed): that must not stop the cleanup.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

const say = (text) => process.stdout.write(`[start ] ${text}\n`);

function parseArgs(argv) {
  const options = {mode: 'serve', locale: null, rebuild: false, runnerArgs: []};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dev') options.mode = 'dev';
    else if (arg === '--no-site') options.mode = 'none';
    else if (arg === '--rebuild') options.rebuild = true;
    else if (arg === '--locale') options.locale = argv[++i] ?? '';
    else if (arg.startsWith('--locale=')) options.locale = arg.slice('--locale='.length);
    else options.runnerArgs.push(arg);
  }
  if (options.locale !== null && !['en', 'ko'].includes(options.locale)) {
    throw new Error(t('badOption', {message: `--locale must be en or ko, got "${options.locale}"`}));
  }
  return options;
}

/** Whether build/ must be (re)built, and why, in words. */
function siteBuildReason() {
  let builtMs = Infinity;
  for (const marker of BUILD_MARKERS) {
    try {
      builtMs = Math.min(builtMs, fs.statSync(path.join(root, marker)).mtimeMs);
    } catch {
      return t('reasonNoBuild');
    }
  }
  const newest = newestFile(SITE_SOURCES.map((p) => path.join(root, p)));
  return newest && newest.mtimeMs > builtMs ? t('reasonChanged', {file: path.relative(root, newest.file)}) : null;
}

// ---------------------------------------------------------------------------------------------
// Children

const children = new Set();
let stopping = false;

/** Starts a child whose output lines are shown with `[name]` in front. */
function launch(name, command, args, {onLine = () => {}, longRunning = true} = {}) {
  const child = spawn(command, args, {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
  children.add(child);
  const label = `[${name.padEnd(6)}]`;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        process.stdout.write(`${label} ${line}\n`);
        onLine(line);
      }
    });
    stream.on('end', () => {
      if (rest) process.stdout.write(`${label} ${rest}\n`);
      rest = '';
    });
  }
  child.exited = new Promise((resolve) => {
    child.on('error', (error) => {
      process.stdout.write(`${label} ${error.message}\n`);
      children.delete(child);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (longRunning || stopping) say(t('stopped', {name: name.trim(), how: signal ?? `exit ${code}`}));
      if (longRunning) stopAll(code ?? 1);
      resolve(code ?? 1);
    });
  });
  return child;
}

/** Every live descendant of this process, with its start time (Linux; empty elsewhere). */
function descendants() {
  if (!fs.existsSync('/proc/self/stat')) return [];
  const all = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({pid: Number(name), state: fields[0], ppid: Number(fields[1]), startTime: fields[19]});
    } catch {
      // Gone meanwhile.
    }
  }
  const found = [];
  const parents = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found.filter((p) => p.state !== 'Z');
}

/** SIGKILL to what is left of `snapshot`: the same processes (start time), still alive. */
function killLeftovers(snapshot) {
  for (const p of snapshot) {
    try {
      const stat = fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[19] === p.startTime && fields[0] !== 'Z') process.kill(p.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Stops everything: SIGTERM to each child (the runner then ends its shells), SIGKILL to what is
 * still running after STOP_KILL_AFTER_MS, and last SIGKILL to anything they started that outlived
 * them (found before the first signal, while they were still our descendants).
 */
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const snapshot = descendants();
  if (children.size > 0) say(t('stopping'));
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, STOP_KILL_AFTER_MS);
  void Promise.all([...children].map((child) => child.exited)).then(() => {
    clearTimeout(force);
    killLeftovers(snapshot);
    process.exit(code);
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));
// npm passes SIGINT and SIGTERM on to us, but a closed terminal may take npm away first.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stopAll(0);
}, PARENT_CHECK_MS).unref();

/** Resolves once `url` answers (any HTTP status below 500), or rejects after `timeoutMs`. */
async function waitForSite(url, timeoutMs, site) {
  const deadline = Date.now() + timeoutMs;
  while (!stopping && site.exitCode === null) {
    try {
      const response = await fetch(url, {signal: AbortSignal.timeout(5000)});
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // Not listening yet, or still compiling.
    }
    if (Date.now() > deadline) throw new Error(t('siteNotAnswering', {url, seconds: Math.round(timeoutMs / 1000)}));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const fakeSite = process.env.LAB_SITE_COMMAND ? JSON.parse(process.env.LAB_SITE_COMMAND) : null;

  const compiled = await ensureRunnerBuilt({
    onCompile: () => say(t('compilingRunner')),
    onChild: (child) => {
      children.add(child);
      child.exited = new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
      child.on('close', () => children.delete(child));
    },
  });
  if (stopping) return;
  if (compiled !== 0) {
    say(t('runnerCompileFailed', {code: compiled}));
    process.exit(compiled);
  }

  const locale = options.locale ?? 'en';
  if (options.mode !== 'none') {
    let site;
    if (fakeSite) {
      site = launch('site', fakeSite[0], fakeSite.slice(1));
    } else {
      if (options.mode === 'serve') {
        const reason = options.rebuild ? t('reasonAsked') : siteBuildReason();
        if (reason) {
          say(t('buildingSite', {reason}));
          const build = launch('build', bin('docusaurus'), ['build'], {longRunning: false});
          const code = await build.exited;
          if (stopping) return;
          if (code !== 0) {
            say(t('siteBuildFailed', {code}));
            process.exit(code);
          }
        } else say(t('siteCurrent'));
        say(t('servingSite', {url: SITE_URL}));
        site = launch('site', bin('docusaurus'), ['serve', '--host', 'localhost', '--port', String(SITE_PORT), '--no-open']);
      } else {
        say(t('devSite', {locale, url: SITE_URL}));
        site = launch('site', bin('docusaurus'), [
          'start', '--host', 'localhost', '--port', String(SITE_PORT), '--no-open', ...(options.locale ? ['--locale', options.locale] : []),
        ]);
      }
      const pageUrl = `${SITE_URL}/${locale === 'en' || options.mode === 'serve' ? '' : `${locale}/`}`;
      say(t('waitingSite', {url: pageUrl}));
      try {
        await waitForSite(pageUrl, SITE_ANSWER_TIMEOUT_MS[options.mode], site);
      } catch (error) {
        say(error.message);
        stopAll(1);
        return;
      }
    }
  }
  if (stopping) return;

  // The runner's info log would bury the link among the site's output: warnings only, unless told.
  const runnerArgs = [...options.runnerArgs];
  if (!runnerArgs.some((arg) => arg.startsWith('--log-level'))) runnerArgs.unshift('--log-level', 'warn');
  // The development server has one language, so the link must be in it; the built site has both.
  const linkLocale = options.mode === 'dev' ? locale : options.locale;
  if (linkLocale && !runnerArgs.some((arg) => arg.startsWith('--site-locale'))) runnerArgs.unshift('--site-locale', linkLocale);
  launch('runner', process.execPath, [...RUNNER_NODE_FLAGS, RUNNER_ENTRY, ...runnerArgs]);
}

await main();
