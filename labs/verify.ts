/**
 * npm run labs:verify — proves labs solvable and their guards and cleanups sound, the way CI does
 * on a machine with Docker and kind (DESIGN.md, "Tests, in layers"; STYLE.md 17). The rounds each
 * lab goes through are in labs/lib/verify-plan.ts; this file is the command line around them.
 *
 * Usage:
 *   npm run labs:verify                         every cluster lab
 *   npm run labs:verify -- --lab <id> ...       only these labs (cluster or local)
 *   npm run labs:verify -- --local              every cluster lab and every local lab
 *   npm run labs:verify -- --shard 2/3          the second third of the selected labs (CI jobs)
 *   npm run labs:verify -- --kubeconfig <file>  another kubeconfig cluster:up wrote (default
 *                                               .lab-cluster/kubeconfig)
 *
 * Cluster labs run against the lab cluster only: the kubeconfig's current context must be
 * kind-k8s-labs and lead to the cluster `npm run cluster:up` recorded (labs/lib/cluster-identity.ts);
 * never the reader's own kubeconfig.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {labCluster, labClusterProblem, type LabCluster} from './lib/lab-cluster';
import {loadLabs, type Lab} from './lib/lab-schema';
import {verifyLab, type VerifyRow} from './lib/verify-plan';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCENARIOS_DIR = path.join(ROOT, 'labs/scenarios');
const DEFAULT_KUBECONFIG = path.join(ROOT, '.lab-cluster/kubeconfig');

/** Width of the step column in the report, in characters. */
const STEP_COLUMN_CHARS = 56;
/** Width of the expected column, in characters. */
const EXPECTED_COLUMN_CHARS = 38;

interface Options {
  ids: string[];
  local: boolean;
  kubeconfig: string;
  shard?: {index: number; count: number};
}

function usage(): never {
  console.log('usage: npm run labs:verify [-- [--lab <id>]... [--local] [--shard <k>/<n>] [--kubeconfig <file>]]');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const options: Options = {ids: [], local: false, kubeconfig: DEFAULT_KUBECONFIG};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (name: string) => (arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : argv[++i]);
    if (arg === '--local') options.local = true;
    else if (arg === '--lab' || arg.startsWith('--lab=')) options.ids.push(value('--lab') ?? usage());
    else if (arg === '--kubeconfig' || arg.startsWith('--kubeconfig=')) options.kubeconfig = path.resolve(value('--kubeconfig') ?? usage());
    else if (arg === '--shard' || arg.startsWith('--shard=')) {
      const match = /^(\d+)\/(\d+)$/.exec(value('--shard') ?? '');
      const index = Number(match?.[1]);
      const count = Number(match?.[2]);
      if (!match || count < 1 || index < 1 || index > count) usage();
      options.shard = {index, count};
    } else usage();
  }
  return options;
}

function line(row: VerifyRow): string {
  const step = `[${row.round}] ${row.step}`;
  return `  ${step.padEnd(STEP_COLUMN_CHARS)} ${row.expected.padEnd(EXPECTED_COLUMN_CHARS)} ${row.ok ? 'ok  ' : 'FAIL'} ${row.result} (${row.seconds.toFixed(1)}s)`;
}

function printFailures(rows: VerifyRow[]): void {
  for (const row of rows) {
    if (!row.ok && row.detail) console.log(`\n  [${row.round}] ${row.step}:\n${row.detail.replace(/^/gm, '    ')}`);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const labs = loadLabs(SCENARIOS_DIR);
  const unknown = options.ids.filter((id) => !labs.has(id));
  if (unknown.length > 0) {
    console.error(`unknown lab: ${unknown.join(', ')}; labs are: ${[...labs.keys()].join(', ')}`);
    process.exit(2);
  }
  let selected: [string, Lab][] = [...labs.entries()]
    .filter(([id, lab]) => (options.ids.length > 0 ? options.ids.includes(id) : lab.requires === 'cluster' || options.local))
    .sort(([a], [b]) => a.localeCompare(b));
  if (options.shard) {
    const {index, count} = options.shard;
    selected = selected.filter((_, i) => i % count === index - 1);
  }
  if (selected.length === 0) {
    console.log('no labs selected (no cluster labs yet? add --local to verify the local labs)');
    return;
  }

  // kubectl keeps a discovery cache under HOME: one private HOME per run, removed at the end.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-verify-home-'));
  try {
    let cluster: LabCluster | undefined;
    let problem: string | undefined;
    if (selected.some(([, lab]) => lab.requires === 'cluster')) {
      cluster = labCluster({kubeconfig: options.kubeconfig, path: process.env.PATH ?? '/usr/bin:/bin', home});
      problem = labClusterProblem(cluster, path.relative(ROOT, options.kubeconfig) || options.kubeconfig);
      if (problem) {
        console.error(`No lab cluster: ${problem}.`);
        console.error('Create the lab cluster, or record it again (needs Docker and kind >= 0.24), then run this again:\n\n  npm run cluster:up\n');
      }
    }

    let failedLabs = 0;
    for (const [id, lab] of selected) {
      if (lab.requires === 'cluster' && problem) {
        console.log(`\n${id} (cluster) — skipped: no lab cluster`);
        failedLabs++;
        continue;
      }
      console.log(`\n${id} (${lab.requires})`);
      const rows = await verifyLab({id, lab, labDir: path.join(SCENARIOS_DIR, id), cluster, onRow: (row) => console.log(line(row))});
      const failed = rows.filter((row) => !row.ok).length;
      printFailures(rows);
      console.log(`${id}: ${failed ? `${failed} failed` : 'ok'}`);
      if (failed) failedLabs++;
    }
    console.log(`\n${selected.length - failedLabs} of ${selected.length} labs verified${failedLabs ? `; ${failedLabs} failed or skipped` : ''}.`);
    process.exitCode = failedLabs > 0 ? 1 : 0;
  } finally {
    fs.rmSync(home, {recursive: true, force: true});
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
