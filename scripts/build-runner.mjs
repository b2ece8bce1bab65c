/**
 * Compiles the lab runner (labs/runner/tsconfig.build.json) to labs/runner/dist when dist is
 * missing or older than the runner's sources, so that it runs with node alone: no TypeScript
 * loader at run time. `node scripts/build-runner.mjs` compiles if needed; `--force` always.
 *
 * The output is ES modules (the sources' imports name their `.ts` files, rewritten to `.js`), so
 * dist/package.json says `"type": "module"`: the repository's own package.json does not.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const runnerDir = path.join(root, 'labs', 'runner');
export const RUNNER_DIST = path.join(runnerDir, 'dist');
/** The compiled entry point: rootDir is labs/, so labs/runner/src/main.ts lands in dist/runner/src. */
export const RUNNER_ENTRY = path.join(RUNNER_DIST, 'runner', 'src', 'main.js');
const STAMP = path.join(RUNNER_DIST, '.build-stamp');
/**
 * Node options the runner runs with (bench/runner/README.md has the measurements). The runner is a
 * small, long-lived process judged on its resident set (≤ 60 MB at one session) and on moving PTY
 * output as cheaply as a bare ws + node-pty pipe (throughput and CPU per MB within 5%):
 * - `--max-semi-space-size=1`: a 1 MB young generation instead of V8's default, which grows
 *   with the heap, so less memory is kept between collections: `--single-threaded` alone measured
 *   57.0 MB at one session, node's defaults 59.6 MB (one run each).
 * - `--v8-pool-size=1`: V8's compiler and garbage-collector jobs run on one worker thread instead
 *   of node's default pool, whose malloc arenas and stacks stay resident: 55.9–56.4 MB at one
 *   session in five runs. `--single-threaded` (no worker at all, the choice before) kept a
 *   megabyte less (55.3–55.4 MB) but ran every optimizing compile and every marking step on the
 *   main thread, in the way of keystrokes: over eight alternating pairs of bench runs (five echo
 *   rounds each), the echo p99 at the 10 ms cadence was 0.84–0.99× the bare pipe's with one
 *   worker (under it in all eight) against 0.95–1.18× with none (in three), back to back
 *   0.58–1.04× (seven) against 0.63–1.13× (five).
 * - `--no-memory-reducer`: V8 otherwise starts full collections of its own when allocation slows,
 *   as it does while a reader types; with no worker thread their marking ran in ~90 steps of up
 *   to 3 ms on the main thread, between keystrokes. Turning it off took the echo p99 at the
 *   cadence from 1.37–1.64× the bare pipe's to 0.92–0.97× (two runs of three rounds each way,
 *   alternating). Collections still happen when the heap grows.
 * Turbofan stays on: without it (`--no-turbofan`, an earlier choice) the interpreter's hot path
 * moved 0.64–0.77× the bare pipe's MB/s at 1.5–2.2× its CPU per MB.
 */
export const RUNNER_NODE_FLAGS = ['--max-semi-space-size=1', '--v8-pool-size=1', '--no-memory-reducer'];
/** What the compiled runner is made of: any of these newer than the stamp means compile again. */
const SOURCES = [
  path.join(runnerDir, 'src'),
  path.join(root, 'labs', 'lib'),
  path.join(runnerDir, 'tsconfig.json'),
  path.join(runnerDir, 'tsconfig.build.json'),
];

/** The newest file under `paths` (walked recursively), as {file, mtimeMs}; null if there is none. */
export function newestFile(paths, skip = new Set(['node_modules', 'dist'])) {
  let newest = null;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (!skip.has(name)) visit(path.join(p, name));
    } else if (!newest || stat.mtimeMs > newest.mtimeMs) newest = {file: p, mtimeMs: stat.mtimeMs};
  };
  for (const p of paths) visit(p);
  return newest;
}

/** Whether dist is missing, incomplete, or older than a source. */
export function runnerBuildIsStale() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  if (!fs.existsSync(RUNNER_ENTRY)) return true;
  const newest = newestFile(SOURCES);
  return newest !== null && newest.mtimeMs > built;
}

function run(command, args, onChild) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: root, stdio: 'inherit'});
    onChild(child);
    child.on('error', () => resolve(1));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Compiles the runner if it is stale (or `force`). It compiles into a folder of its own and then
 * swaps it in, so a runner starting meanwhile never sees half a dist.
 * @param {{force?: boolean, onCompile?: () => void, onChild?: (child: import('node:child_process').ChildProcess) => void}} options
 *   `onCompile` is called before tsc runs, `onChild` with the tsc process (to stop it with the rest).
 * @returns {Promise<number>} 0, or tsc's exit code.
 */
export async function ensureRunnerBuilt({force = false, onCompile = () => {}, onChild = () => {}} = {}) {
  if (!force && !runnerBuildIsStale()) return 0;
  onCompile();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const staging = `${RUNNER_DIST}.build-${process.pid}`;
  fs.rmSync(staging, {recursive: true, force: true});
  const code = await run(process.execPath, [tsc, '-p', path.join(runnerDir, 'tsconfig.build.json'), '--outDir', staging], onChild);
  if (code !== 0) {
    fs.rmSync(staging, {recursive: true, force: true});
    return code;
  }
  fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify({type: 'module', private: true})}\n`);
  fs.writeFileSync(path.join(staging, '.build-stamp'), `${new Date().toISOString()}\n`);
  const old = `${RUNNER_DIST}.old-${process.pid}`;
  if (fs.existsSync(RUNNER_DIST)) fs.renameSync(RUNNER_DIST, old);
  fs.renameSync(staging, RUNNER_DIST);
  fs.rmSync(old, {recursive: true, force: true});
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const {t} = await import('./launcher-text.mjs');
  const code = await ensureRunnerBuilt({
    force: process.argv.includes('--force'),
    onCompile: () => process.stdout.write(`${t('compilingRunner')}\n`),
  });
  if (code !== 0) process.stderr.write(`${t('runnerCompileFailed', {code})}\n`);
  process.exit(code);
}
