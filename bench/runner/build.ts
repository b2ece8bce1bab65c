/**
 * The JavaScript the bench's server processes run: the runner as readers start it (compiled, run by
 * node, no TypeScript loader at run time) and the bench's own host, compiled too, so both servers'
 * memory and CPU figures carry no transpiler.
 *
 * {@link compiledRunner} is the one place that knows where the compiled runner comes from.
 */
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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
 * Compiles the runner and says where its modules are. Until the repository builds the runner
 * itself, the bench bundles labs/runner/src with esbuild (ES modules; ws and node-pty stay
 * packages), which is the same JavaScript minus the module boundaries.
 */
export async function compiledRunner(): Promise<CompiledRunner> {
  const outdir = path.join(OUT_DIR, 'runner');
  await build({
    entryPoints: {server: path.join(ROOT, 'labs/runner/src/server.ts'), log: path.join(ROOT, 'labs/runner/src/log.ts')},
    outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    packages: 'external', outExtension: {'.js': '.mjs'}, logLevel: 'warning',
  });
  return {serverModule: path.join(outdir, 'server.mjs'), logModule: path.join(outdir, 'log.mjs'), nodeFlags: [], origin: 'labs/runner/src bundled by esbuild'};
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
