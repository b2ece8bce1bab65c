/**
 * The JavaScript the bench's server processes run: the runner as readers start it (compiled, run by
 * node, no TypeScript loader at run time) and the bench's own host, compiled too, so both servers'
 * memory and CPU figures carry no transpiler.
 *
 * {@link compiledRunner} is the one place that knows where the compiled runner comes from.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = path.join(ROOT, '.tmp', 'bench');

/** The runner's modules the host imports, and the node flags the runner is started with. */
export interface CompiledRunner {
  /** Module exporting `startRunner`. */
  serverModule: string;
  /** Module exporting `Logger`. */
  logModule: string;
  /** Flags node gets when readers start the runner. */
  nodeFlags: string[];
  /** Where this build came from, for the report's first line. */
  origin: string;
}

/**
 * The runner as readers start it: labs/runner/dist, compiled by scripts/build-runner.mjs when it is
 * older than the sources, run with its RUNNER_NODE_FLAGS. BENCH_RUNNER_FLAGS replaces those flags
 * (space-separated, `none` for node's defaults), to measure what a flag costs.
 */
export async function compiledRunner(): Promise<CompiledRunner> {
  // Imported when called: the bench runs as CommonJS, and the build script has top-level await.
  const {RUNNER_ENTRY, RUNNER_NODE_FLAGS, ensureRunnerBuilt} = (await import(pathToFileURL(path.join(ROOT, 'scripts/build-runner.mjs')).href)) as {
    RUNNER_ENTRY: string; RUNNER_NODE_FLAGS: string[]; ensureRunnerBuilt: () => Promise<number>;
  };
  const code = await ensureRunnerBuilt();
  if (code !== 0) throw new Error(`scripts/build-runner.mjs: tsc exited with ${code}`);
  const override = process.env.BENCH_RUNNER_FLAGS?.trim();
  const nodeFlags = override === undefined || override === '' ? [...RUNNER_NODE_FLAGS] : override === 'none' ? [] : override.split(/\s+/);
  const dir = path.dirname(RUNNER_ENTRY);
  return {
    serverModule: path.join(dir, 'server.js'), logModule: path.join(dir, 'log.js'), nodeFlags,
    origin: `labs/runner/dist${override ? ' (BENCH_RUNNER_FLAGS)' : ''}`,
  };
}

/** Compiles bench/runner/server-host.ts (with the bare pipe) to one ES module; returns its path. */
export async function compiledHost(): Promise<string> {
  const outfile = path.join(OUT_DIR, 'server-host.mjs');
  fs.mkdirSync(OUT_DIR, {recursive: true});
  await build({
    entryPoints: [path.join(ROOT, 'bench/runner/server-host.ts')],
    outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  return outfile;
}

/** The lab scenarios the runner serves in the bench (the runner's own test fixtures). */
export const BENCH_LABS_DIR = path.join(ROOT, 'labs/runner/test/fixtures/scenarios');
