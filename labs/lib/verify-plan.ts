/**
 * What `npm run labs:verify` proves about one lab, round by round (labs/verify.ts is only the
 * command line around it). Every round starts from a clean cluster (or an untouched working
 * folder) and must end in one:
 *
 *   solve      setup → each check fails with its task's `expect` code (a task whose `needs` have
 *              not passed is blocked, as the runner shows it) → solution → every check and guard
 *              passes → cleanup → nothing left
 *   setup      setup → cleanup → nothing left (cleanup from the state a reader starts in)
 *   shortcut   one per task shortcut: setup → the shortcut → the task's guard fails with a
 *              declared code → cleanup → nothing left
 *
 * "Nothing left" for a cluster lab is cluster-leftovers.ts (namespace, labelled objects, node
 * taints and labels, PersistentVolumes, webhooks, cluster-scoped objects named after the
 * namespace); for a local lab, no file in the working folder that setup made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {findLeftovers, labNamespacesNow, readNodes, type NodeState} from './cluster-leftovers';
import type {LabCluster} from './lab-cluster';
import type {Lab, LabTask} from './lab-schema';
import {copyManifests, failureCodeOf, labEnv, labNamespace, runScript, type RunScriptResult} from './run-script';
import {inNeedsOrder} from './task-order';

/** One line of the report. */
export interface VerifyRow {
  round: string;
  step: string;
  expected: string;
  ok: boolean;
  result: string;
  seconds: number;
  /** The script's output or the leftovers, shown when the row failed. */
  detail?: string;
}

/** One round of the plan: what runs between a setup and the cleanup after it. */
export type Round =
  | {kind: 'solve'; name: string}
  | {kind: 'setup'; name: string}
  | {kind: 'shortcut'; name: string; task: LabTask; script: string};

/** The rounds labs:verify runs for a lab, in order. */
export function planRounds(lab: Lab): Round[] {
  return [
    {kind: 'solve', name: 'solve'},
    {kind: 'setup', name: 'setup only'},
    ...lab.tasks.flatMap((task) => task.shortcuts.map((script): Round => ({kind: 'shortcut', name: `shortcut ${path.basename(script, '.sh')}`, task, script}))),
  ];
}

export interface VerifyLabOptions {
  id: string;
  lab: Lab;
  /** Absolute path of labs/scenarios/<id>. */
  labDir: string;
  /** The lab cluster; required for cluster labs. */
  cluster?: LabCluster;
  /** PATH for the lab's scripts; default the runner's minimal PATH. */
  scriptPath?: string;
  /** Where the lab's working folder and HOME are made; default the system's temporary folder. */
  scratchParent?: string;
  /** How often the cluster is asked again while something is still going away. Default 2 s. */
  pollIntervalMs?: number;
  /** How long leftovers may take to go after a cleanup. Default the lab's cleanup timeout. */
  settleMs?: number;
  /** Called with each row as soon as it is known (progress for a long run). */
  onRow?: (row: VerifyRow) => void;
}

/** Default pause between two looks at the cluster. */
const POLL_INTERVAL_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function outputOf(result: RunScriptResult): string {
  return [result.stdout.trim() && `stdout: ${result.stdout.trim()}`, result.stderr.trim() && `stderr: ${result.stderr.trim()}`].filter(Boolean).join('\n');
}

/** How a script ended, for the report: "exit 1", "timed out", "killed by a signal". */
export function statusOf(result: RunScriptResult): string {
  if (result.timedOut) return 'timed out';
  return result.code === null ? 'killed by a signal' : `exit ${result.code}`;
}

/** Every file under a folder, relative to it. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true, recursive: true}).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Verifies one lab; resolves with every row (never rejects for a failing lab). */
export async function verifyLab(options: VerifyLabOptions): Promise<VerifyRow[]> {
  const {id, lab, labDir} = options;
  const cluster = lab.requires === 'cluster' ? options.cluster : undefined;
  if (lab.requires === 'cluster' && !cluster) throw new Error(`${id} is a cluster lab: verifyLab needs the lab cluster`);
  const rows: VerifyRow[] = [];
  const pollMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
  const settleMs = options.settleMs ?? lab.timeouts.cleanup * 1000;
  const scratch = fs.mkdtempSync(path.join(options.scratchParent ?? os.tmpdir(), `labs-verify-${id}-`));
  const workdir = path.join(scratch, 'work');
  const home = path.join(scratch, 'home');
  fs.mkdirSync(workdir);
  fs.mkdirSync(home);
  copyManifests(labDir, workdir);
  const namespace = labNamespace(id);
  const env = labEnv({labId: id, labDir, workdir, home, namespace, kubeconfig: cluster?.kubeconfig});
  if (options.scriptPath) env.PATH = options.scriptPath;
  const filesBefore = new Set(listFiles(workdir));
  const labNamespaces = new Set([namespace]);
  let nodesBefore = new Map<string, NodeState>();

  const add = (row: VerifyRow) => {
    rows.push(row);
    options.onRow?.(row);
    return row.ok;
  };
  const run = (script: string, seconds: number) => runScript({script: path.join(labDir, script), env, timeoutMs: seconds * 1000});

  /** A lifecycle script or shortcut that must exit 0. */
  const mustRun = async (round: string, step: string, script: string, seconds: number) => {
    const result = await run(script, seconds);
    const ok = result.code === 0 && !result.timedOut;
    return add({round, step, expected: 'exit 0', ok, result: ok ? 'exit 0' : statusOf(result), seconds: result.durationMs / 1000, detail: ok ? undefined : outputOf(result)});
  };

  /** A check or guard that must fail: exit 1 and one code, `expect` when given, else any declared one. */
  const mustFail = async (round: string, step: string, script: string, expect?: string) => {
    const result = await run(script, lab.timeouts.check);
    const code = failureCodeOf(result.stdout);
    const ok = result.code === 1 && !result.timedOut && code !== undefined && (expect ? code === expect : code in lab.failures);
    let shown: string;
    if (result.code === 0 && !result.timedOut) shown = 'passed (should fail)';
    else if (!code) shown = `${statusOf(result)}, no failure code`;
    else if (expect && code !== expect) shown = `${code} (expected ${expect})`;
    else if (!(code in lab.failures)) shown = `${code} (not declared under failures)`;
    else shown = result.code === 1 ? code : `${statusOf(result)} ${code}`;
    add({round, step, expected: expect ? `fails with ${expect}` : 'fails with a declared code', ok, result: shown, seconds: result.durationMs / 1000, detail: ok ? undefined : outputOf(result)});
    return ok;
  };

  /** A check or guard that must pass. */
  const mustPass = async (round: string, step: string, script: string) => {
    const result = await run(script, lab.timeouts.check);
    const ok = result.code === 0 && !result.timedOut;
    const code = failureCodeOf(result.stdout);
    add({round, step, expected: 'passes', ok, result: ok ? 'passed' : `${statusOf(result)}${code ? ` ${code}` : ''}`, seconds: result.durationMs / 1000, detail: ok ? undefined : outputOf(result)});
    return ok;
  };

  const leftovers = (): string[] => {
    if (!cluster) {
      return listFiles(workdir).filter((file) => !filesBefore.has(file)).map((file) => `file ${file}`);
    }
    return findLeftovers({cluster, labId: id, namespace, labNamespaces, nodesBefore});
  };

  /** Waits until nothing is left, up to settleMs, and reports what still is. */
  const clean = async (round: string) => {
    const started = Date.now();
    let left = leftovers();
    while (left.length > 0 && Date.now() - started < settleMs) {
      await sleep(pollMs);
      left = leftovers();
    }
    return add({
      round, step: cluster ? 'nothing left in the cluster' : 'nothing left in the working folder', expected: 'clean', ok: left.length === 0,
      result: left.length === 0 ? 'clean' : `${left.length} left`, seconds: (Date.now() - started) / 1000, detail: left.join('\n') || undefined,
    });
  };

  const setup = async (round: string) => {
    const ok = await mustRun(round, 'setup', 'setup.sh', lab.timeouts.setup);
    if (cluster) {
      try {
        for (const name of labNamespacesNow(cluster, namespace)) labNamespaces.add(name);
      } catch {
        // Leftover checks after the cleanup report a cluster that cannot be asked.
      }
    }
    return ok;
  };

  /** Right after setup: each task fails with its expected code, or is blocked by its needs. */
  const checksBroken = async (round: string) => {
    // A task counts as passed (for the tasks that need it) when its check did not fail.
    const outcomes = await inNeedsOrder(lab.tasks, async (task) => !(await mustFail(round, `check ${task.id} (broken)`, task.check, task.expect)), (passed) => passed);
    for (const outcome of outcomes) {
      if (!outcome.blocked) continue;
      add({round, step: `check ${outcome.task.id} (broken)`, expected: `fails with ${outcome.task.expect}`, ok: true, result: `blocked: needs ${outcome.task.needs.join(', ')}`, seconds: 0});
    }
  };

  /** After the solution: every check and guard passes; a blocked task fails the lab. */
  const checksSolved = async (round: string) => {
    const outcomes = await inNeedsOrder(lab.tasks, async (task) => {
      const check = await mustPass(round, `check ${task.id}`, task.check);
      const guard = task.guard ? await mustPass(round, `guard ${task.id}`, task.guard) : true;
      return check && guard;
    }, (passed) => passed);
    for (const outcome of outcomes) {
      if (!outcome.blocked) continue;
      add({round, step: `check ${outcome.task.id}`, expected: 'passes', ok: false, result: `blocked: needs ${outcome.task.needs.join(', ')}`, seconds: 0});
    }
  };

  try {
    if (cluster) {
      // A lab left half-done by an earlier run is cleaned first, so every round starts clean and
      // the nodes are compared with how they were before the lab, not with its leftovers.
      const nodes = readNodes(cluster);
      const marked = [...nodes.values()].some((node) => node.taints.some((taint) => taint.includes(namespace)) || Object.keys(node.labels).some((key) => key.includes(namespace)));
      if (marked || findLeftovers({cluster, labId: id, namespace, labNamespaces, nodesBefore: nodes}).length > 0) {
        await mustRun('before', 'cleanup of an earlier run', 'cleanup.sh', lab.timeouts.cleanup);
      }
      nodesBefore = readNodes(cluster);
    }
    for (const round of planRounds(lab)) {
      const ready = await setup(round.name);
      if (ready && round.kind === 'solve') {
        await checksBroken(round.name);
        if (await mustRun(round.name, 'solution', 'solution.sh', lab.timeouts.solution)) await checksSolved(round.name);
      } else if (ready && round.kind === 'shortcut') {
        if (await mustRun(round.name, `run ${round.script}`, round.script, lab.timeouts.solution) && round.task.guard) {
          await mustFail(round.name, `guard ${round.task.id} refuses it`, round.task.guard);
        }
      }
      const cleaned = await mustRun(round.name, 'cleanup', 'cleanup.sh', lab.timeouts.cleanup);
      const spotless = await clean(round.name);
      // The next round needs a clean start; after a failed setup the rest would only repeat it.
      if (!ready || !cleaned || !spotless) break;
    }
  } catch (error) {
    add({round: 'verify', step: 'ask the cluster', expected: 'answers', ok: false, result: 'failed', seconds: 0, detail: (error as Error).message});
  } finally {
    fs.rmSync(scratch, {recursive: true, force: true});
  }
  return rows;
}
