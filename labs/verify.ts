/**
 * npm run labs:verify — proves labs are solvable, the way CI does on a machine with Docker and kind
 * (DESIGN.md, "Tests, in layers"; STYLE.md 17). For each lab:
 *
 *   setup → every task's check fails with a declared code → solution → every check and guard
 *   passes → cleanup → nothing is left (cluster labs: the namespace is gone and no object labelled
 *   lab=<id> exists anywhere in the cluster; local labs: the working folder holds nothing setup made)
 *
 * Usage:
 *   npm run labs:verify                      every cluster lab
 *   npm run labs:verify -- --lab <id> ...    only these labs (cluster or local)
 *   npm run labs:verify -- --local           every cluster lab and every local lab
 *
 * Cluster labs run against the lab cluster only: .lab-cluster/kubeconfig with the context
 * kind-k8s-labs, written by `npm run cluster:up`; never the reader's own kubeconfig.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadLabs, type Lab} from './lib/lab-schema';
import {copyManifests, failureCodeOf, labEnv, labNamespace, runScript, type RunScriptResult} from './lib/run-script';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCENARIOS_DIR = path.join(ROOT, 'labs/scenarios');
const KUBECONFIG = path.join(ROOT, '.lab-cluster/kubeconfig');
/** The only context labs:verify accepts; `npm run cluster:up` writes it. */
const LAB_CONTEXT = 'kind-k8s-labs';
/** Limit for one read-only kubectl call made by this script (not by a lab). */
const KUBECTL_TIMEOUT_MS = 30_000;
/** How often the namespace is polled while it terminates. */
const POLL_INTERVAL_MS = 2_000;

type Row = {step: string; expected: string; ok: boolean; result: string; seconds: number; detail?: string};

function usage(): never {
  console.log('usage: npm run labs:verify [-- [--lab <id>]... [--local]]');
  process.exit(2);
}

function parseArgs(argv: string[]): {ids: string[]; local: boolean} {
  const ids: string[] = [];
  let local = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--local') local = true;
    else if (arg === '--lab' && argv[i + 1]) ids.push(argv[++i]);
    else if (arg.startsWith('--lab=')) ids.push(arg.slice('--lab='.length));
    else usage();
  }
  return {ids, local};
}

function kubectl(args: string[], timeoutMs = KUBECTL_TIMEOUT_MS) {
  const result = spawnSync('kubectl', ['--kubeconfig', KUBECONFIG, '--context', LAB_CONTEXT, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir()},
  });
  return {ok: result.status === 0, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') || (result.error?.message ?? '')};
}

/** Why the lab cluster cannot be used, or undefined when it is ready. */
function clusterProblem(): string | undefined {
  if (!fs.existsSync(KUBECONFIG)) return `there is no lab cluster kubeconfig at ${path.relative(ROOT, KUBECONFIG)}`;
  const context = spawnSync('kubectl', ['--kubeconfig', KUBECONFIG, 'config', 'current-context'], {encoding: 'utf8', timeout: KUBECTL_TIMEOUT_MS});
  if (context.status !== 0 || context.stdout.trim() !== LAB_CONTEXT) {
    return `${path.relative(ROOT, KUBECONFIG)} is not the lab cluster's kubeconfig (current context "${context.stdout.trim()}", expected ${LAB_CONTEXT})`;
  }
  const ready = kubectl(['get', '--raw', '/readyz'], 10_000);
  if (!ready.ok) return `the lab cluster does not answer /readyz: ${ready.stderr.trim().split('\n')[0]}`;
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function namespaceGone(namespace: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = kubectl(['get', 'namespace', namespace, '--ignore-not-found', '-o', 'name']);
    if (result.ok && result.stdout.trim() === '') return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Every object labelled lab=<id>, in every namespace and of every kind the cluster can list. */
function labelledObjects(labId: string): {ok: boolean; objects: string[]; error: string} {
  const kinds = kubectl(['api-resources', '--verbs=list', '-o', 'name']);
  if (!kinds.ok) return {ok: false, objects: [], error: kinds.stderr};
  // Events are not labelled and expire on their own.
  const names = kinds.stdout.split('\n').filter((name) => name && !/^events(\.events\.k8s\.io)?$/.test(name));
  const result = kubectl(['get', names.join(','), '--all-namespaces', '-l', `lab=${labId}`, '-o', 'name', '--ignore-not-found']);
  const objects = result.stdout.split('\n').filter(Boolean);
  return {ok: result.ok, objects, error: result.stderr};
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true, recursive: true}).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

function outputOf(result: RunScriptResult): string {
  return [result.stdout.trim() && `stdout: ${result.stdout.trim()}`, result.stderr.trim() && `stderr: ${result.stderr.trim()}`].filter(Boolean).join('\n');
}

function statusOf(result: RunScriptResult): string {
  if (result.timedOut) return 'timed out';
  return result.code === null ? (result.timedOut ? 'killed at its timeout' : 'killed by a signal') : `exit ${result.code}`;
}

async function verifyLab(id: string, lab: Lab): Promise<Row[]> {
  const rows: Row[] = [];
  const labDir = path.join(SCENARIOS_DIR, id);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `labs-verify-${id}-`));
  const workdir = path.join(scratch, 'work');
  const home = path.join(scratch, 'home');
  fs.mkdirSync(workdir);
  fs.mkdirSync(home);
  copyManifests(labDir, workdir);
  const namespace = labNamespace(id);
  const cluster = lab.requires === 'cluster';
  const env = labEnv({labId: id, labDir, workdir, home, namespace, kubeconfig: cluster ? KUBECONFIG : undefined});
  const run = (script: string, seconds: number) => runScript({script: path.join(labDir, script), env, timeoutMs: seconds * 1000});

  const step = async (name: string, expected: string, script: string, seconds: number, wantPass: boolean) => {
    const result = await run(script, seconds);
    const code = failureCodeOf(result.stdout);
    let ok: boolean;
    let shown: string;
    if (wantPass) {
      ok = result.code === 0 && !result.timedOut;
      shown = ok ? 'passed' : `${statusOf(result)}${code ? ` ${code}` : ''}`;
    } else {
      ok = result.code === 1 && code !== undefined && code in lab.failures;
      shown = result.code === 0 ? 'passed (should fail)' : `${statusOf(result)}${code ? ` ${code}` : ', no failure code'}${code && !(code in lab.failures) ? ' (undeclared)' : ''}`;
    }
    rows.push({step: name, expected, ok, result: shown, seconds: result.durationMs / 1000, detail: ok ? undefined : outputOf(result)});
    return ok;
  };

  try {
    if (cluster && !(await namespaceGone(namespace, 0))) {
      await step('pre-clean', 'exit 0', 'cleanup.sh', lab.timeouts.cleanup, true);
      await namespaceGone(namespace, lab.timeouts.cleanup * 1000);
    }
    const before = new Set(listFiles(workdir));
    if (await step('setup', 'exit 0', 'setup.sh', lab.timeouts.setup, true)) {
      for (const task of lab.tasks) await step(`check ${task.id} (broken)`, 'fails with a code', task.check, lab.timeouts.check, false);
      if (await step('solution', 'exit 0', 'solution.sh', lab.timeouts.solution, true)) {
        for (const task of lab.tasks) {
          await step(`check ${task.id}`, 'passes', task.check, lab.timeouts.check, true);
          if (task.guard) await step(`guard ${task.id}`, 'passes', task.guard, lab.timeouts.check, true);
        }
      }
    }
    await step('cleanup', 'exit 0', 'cleanup.sh', lab.timeouts.cleanup, true);

    const started = Date.now();
    if (cluster) {
      const gone = await namespaceGone(namespace, lab.timeouts.cleanup * 1000);
      rows.push({step: `namespace ${namespace}`, expected: 'gone', ok: gone, result: gone ? 'gone' : 'still there', seconds: (Date.now() - started) / 1000});
      const left = labelledObjects(id);
      rows.push({
        step: `objects labelled lab=${id}`,
        expected: 'none',
        ok: left.ok && left.objects.length === 0,
        result: left.ok ? (left.objects.length === 0 ? 'none' : `${left.objects.length} left`) : 'cannot list',
        seconds: 0,
        detail: left.ok ? left.objects.join('\n') : left.error,
      });
    } else {
      const made = listFiles(workdir).filter((file) => !before.has(file));
      rows.push({step: 'working folder', expected: 'clean', ok: made.length === 0, result: made.length === 0 ? 'clean' : `${made.length} files left`, seconds: 0, detail: made.join('\n')});
    }
  } finally {
    fs.rmSync(scratch, {recursive: true, force: true});
  }
  return rows;
}

function printTable(id: string, lab: Lab, rows: Row[]): void {
  const header = {step: 'step', expected: 'expected', result: 'result', time: 'time'};
  const cells = rows.map((row) => ({
    step: row.step,
    expected: row.expected,
    result: `${row.ok ? 'ok  ' : 'FAIL'} ${row.result}`,
    time: `${row.seconds.toFixed(1)}s`,
  }));
  const width = (key: keyof typeof header) => Math.max(header[key].length, ...cells.map((c) => c[key].length));
  const line = (c: typeof header) =>
    `  ${c.step.padEnd(width('step'))}  ${c.expected.padEnd(width('expected'))}  ${c.result.padEnd(width('result'))}  ${c.time.padStart(width('time'))}`;
  const failed = rows.filter((row) => !row.ok).length;
  console.log(`\n${id} (${lab.requires})${failed ? ` — ${failed} failed` : ' — ok'}`);
  console.log(line(header));
  for (const c of cells) console.log(line(c));
  for (const row of rows) {
    if (!row.ok && row.detail) console.log(`\n  ${row.step}:\n${row.detail.replace(/^/gm, '    ')}`);
  }
}

async function main(): Promise<void> {
  const {ids, local} = parseArgs(process.argv.slice(2));
  const labs = loadLabs(SCENARIOS_DIR);
  const unknown = ids.filter((id) => !labs.has(id));
  if (unknown.length > 0) {
    console.error(`unknown lab: ${unknown.join(', ')}; labs are: ${[...labs.keys()].join(', ')}`);
    process.exit(2);
  }
  const selected = [...labs.entries()]
    .filter(([id, lab]) => (ids.length > 0 ? ids.includes(id) : lab.requires === 'cluster' || local))
    .sort(([a], [b]) => a.localeCompare(b));
  if (selected.length === 0) {
    console.log('no labs selected (no cluster labs yet? add --local to verify the local labs)');
    return;
  }

  let problem: string | undefined;
  if (selected.some(([, lab]) => lab.requires === 'cluster')) {
    problem = clusterProblem();
    if (problem) {
      console.error(`No lab cluster: ${problem}.`);
      console.error('Create it (needs Docker and kind >= 0.24), then run this again:\n\n  npm run cluster:up\n');
    }
  }

  let failedLabs = 0;
  for (const [id, lab] of selected) {
    if (lab.requires === 'cluster' && problem) {
      console.log(`\n${id} (cluster) — skipped: no lab cluster`);
      failedLabs++;
      continue;
    }
    const rows = await verifyLab(id, lab);
    printTable(id, lab, rows);
    if (rows.some((row) => !row.ok)) failedLabs++;
  }
  console.log(`\n${selected.length - failedLabs} of ${selected.length} labs verified${failedLabs ? `; ${failedLabs} failed or skipped` : ''}.`);
  process.exitCode = failedLabs > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
