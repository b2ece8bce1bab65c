/**
 * Lab actions: setup, check, solution, reset and cleanup, run outside the PTY.
 *
 * Each script runs as `bash <absolute path from the lab folder>` in its own session and process
 * group (detached), in the session's working folder, with the session's minimal environment plus
 * LAB_DIR. One action at a time per session; each script is bounded by the lab's timeout, after
 * which its whole process group gets SIGTERM, then SIGKILL.
 */
import {spawn} from 'node:child_process';
import {StringDecoder} from 'node:string_decoder';
import {FAILURE_CODE, type Lab, type LabTask} from '../../lib/lab-schema';
import {labScriptPath, type LabEntry} from './lab-catalog';
import {Limits} from './limits';
import {endSession, sessionLeader} from './process-group';
import {ErrorCode, GenericCheckCode, LabAction, type TaskResult} from './protocol';

export type OutputStream = 'stdout' | 'stderr';

/** How one script ended. */
export interface ScriptResult {
  /** Exit code, or null when the script was killed by a signal. */
  exitCode: number | null;
  timedOut: boolean;
  /** First line of stdout, trimmed (where a check prints its failure code). */
  firstLine: string;
  durationMs: number;
}

export interface RunScriptOptions {
  /** Absolute path of the script, from the lab folder. */
  script: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Milliseconds between SIGTERM and SIGKILL on timeout. */
  killGraceMs: number;
  onOutput: (stream: OutputStream, text: string) => void;
  /** Aborting kills the script's process group at once (the session closed). */
  signal?: AbortSignal;
}

/** Longest first line kept from stdout; a failure code is far shorter. */
const FIRST_LINE_MAX_CHARS = 200;
/** After the script exits, wait this long for its pipes to close before giving up on them. */
const PIPE_DRAIN_MS = 500;

/**
 * Runs one script and resolves when it has exited (or been killed) and been reaped.
 * Output is decoded as UTF-8 on character boundaries (a StringDecoder per stream).
 */
export function runScript(options: RunScriptOptions): Promise<ScriptResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', [options.script], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const leader = child.pid === undefined ? null : sessionLeader(child.pid);
    let timedOut = false;
    let stopping: Promise<void> | null = null;
    let firstLine = '';
    let firstLineDone = false;
    let settled = false;
    const stop = (signal: NodeJS.Signals, graceMs: number): void => {
      if (leader) stopping ??= endSession(leader, signal, graceMs);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop('SIGTERM', options.killGraceMs);
    }, options.timeoutMs);
    const onAbort = (): void => stop('SIGKILL', 0);
    options.signal?.addEventListener('abort', onAbort, {once: true});

    const decoders = {stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8')};
    const forward = (stream: OutputStream, chunk: Buffer): void => {
      const text = decoders[stream].write(chunk);
      if (stream === 'stdout' && !firstLineDone) {
        const newline = text.indexOf('\n');
        firstLine += newline === -1 ? text : text.slice(0, newline);
        if (newline !== -1 || firstLine.length > FIRST_LINE_MAX_CHARS) firstLineDone = true;
      }
      if (text.length > 0) options.onOutput(stream, text);
    };
    child.stdout.on('data', (chunk: Buffer) => forward('stdout', chunk));
    child.stderr.on('data', (chunk: Buffer) => forward('stderr', chunk));

    const finish = (exitCode: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = decoders[stream].end();
        if (rest.length > 0) options.onOutput(stream, rest);
      }
      void (stopping ?? Promise.resolve()).then(() =>
        resolve({exitCode, timedOut, firstLine: firstLine.trim().slice(0, FIRST_LINE_MAX_CHARS), durationMs: Date.now() - started}),
      );
    };
    child.on('error', () => finish(null));
    child.on('close', (code) => finish(code));
    child.on('exit', (code) => {
      // Whatever the script left running in its session (a forgotten `&`, a port-forward) ends
      // with it: nothing a lab starts may outlive its script.
      stop('SIGKILL', 0);
      // A process that left the session may still hold the pipes open; do not wait forever.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(code);
      }, PIPE_DRAIN_MS).unref();
    });
  });
}

/** What one action runs with: the lab, the session folder and environment, and where scripts run. */
export interface ActionContext {
  entry: LabEntry;
  /** Runs one script: the session host's (locally {@link runScript}; in class mode, in the learner's Pod). */
  runScript: (options: RunScriptOptions) => Promise<ScriptResult>;
  cwd: string;
  /** The session's minimal environment; LAB_DIR is added here. */
  env: Record<string, string>;
  onOutput: (stream: OutputStream, text: string) => void;
  signal?: AbortSignal;
  /** Override of Limits.actionKillGraceMs (tests). */
  killGraceMs?: number;
}

/** How an action ended, before translation. */
export interface ActionOutcome {
  ok: boolean;
  exitCode: number | null;
  tasks?: TaskResult[];
  /** Why it failed, with the values its message needs. */
  failure?: {code: ErrorCode; values: Record<string, string | number>};
}

type LifecycleScript = 'setup' | 'solution' | 'cleanup';

async function runLifecycle(ctx: ActionContext, name: LifecycleScript): Promise<ActionOutcome> {
  const lab = ctx.entry.lab;
  const script = `${name}.sh`;
  const seconds = lab.timeouts[name];
  const result = await ctx.runScript({
    script: labScriptPath(ctx.entry, script),
    cwd: ctx.cwd,
    env: {...ctx.env, LAB_DIR: ctx.entry.dir},
    timeoutMs: seconds * 1000,
    killGraceMs: ctx.killGraceMs ?? Limits.actionKillGraceMs,
    onOutput: ctx.onOutput,
    ...(ctx.signal ? {signal: ctx.signal} : {}),
  });
  if (result.timedOut) return {ok: false, exitCode: result.exitCode, failure: {code: ErrorCode.ActionTimeout, values: {script, seconds}}};
  if (result.exitCode !== 0) {
    return {ok: false, exitCode: result.exitCode, failure: {code: ErrorCode.ActionFailed, values: {script, exitCode: String(result.exitCode)}}};
  }
  return {ok: true, exitCode: 0};
}

/** Runs one check-side script; returns null on pass, else the failure code. */
async function runProbeScript(ctx: ActionContext, relative: string): Promise<string | null> {
  const result = await ctx.runScript({
    script: labScriptPath(ctx.entry, relative),
    cwd: ctx.cwd,
    env: {...ctx.env, LAB_DIR: ctx.entry.dir},
    timeoutMs: ctx.entry.lab.timeouts.check * 1000,
    killGraceMs: ctx.killGraceMs ?? Limits.actionKillGraceMs,
    onOutput: ctx.onOutput,
    ...(ctx.signal ? {signal: ctx.signal} : {}),
  });
  if (result.timedOut) return GenericCheckCode.TimedOut;
  if (result.exitCode === 0) return null;
  return FAILURE_CODE.test(result.firstLine) ? result.firstLine : GenericCheckCode.Failed;
}

/**
 * Runs every task's check and guard. A task passes only if both exit 0; a task whose `needs` have
 * not passed is reported as blocked and not run. Tasks are evaluated in dependency order, so
 * `needs` may name a task listed later; a cycle leaves its tasks blocked.
 */
export async function runChecks(ctx: ActionContext): Promise<TaskResult[]> {
  const lab: Lab = ctx.entry.lab;
  const byId = new Map(lab.tasks.map((task) => [task.id, task]));
  const results = new Map<string, TaskResult>();
  const visiting = new Set<string>();

  const evaluate = async (task: LabTask): Promise<TaskResult> => {
    const known = results.get(task.id);
    if (known) return known;
    const blocked: TaskResult = {id: task.id, pass: false, code: null, blocked: true};
    if (visiting.has(task.id)) return blocked;
    visiting.add(task.id);
    let result: TaskResult = blocked;
    const needsMet = await allPass(task.needs.map((id) => byId.get(id)));
    if (needsMet) {
      let code = await runProbeScript(ctx, task.check);
      if (code === null && task.guard) code = await runProbeScript(ctx, task.guard);
      result = {id: task.id, pass: code === null, code, blocked: false};
    }
    visiting.delete(task.id);
    results.set(task.id, result);
    return result;
  };
  const allPass = async (tasks: (LabTask | undefined)[]): Promise<boolean> => {
    for (const task of tasks) {
      if (!task || !(await evaluate(task)).pass) return false;
    }
    return true;
  };

  for (const task of lab.tasks) {
    if (ctx.signal?.aborted) break;
    await evaluate(task);
  }
  return lab.tasks.map((task) => results.get(task.id) ?? {id: task.id, pass: false, code: null, blocked: true});
}

/** Runs one lab action to the end. `reset` is cleanup, then setup (setup runs even if cleanup failed). */
export async function runAction(action: LabAction, ctx: ActionContext): Promise<ActionOutcome> {
  switch (action) {
    case LabAction.Check:
      return {ok: true, exitCode: 0, tasks: await runChecks(ctx)};
    case LabAction.Reset: {
      const cleanup = await runLifecycle(ctx, 'cleanup');
      // A timed-out cleanup may still hold resources setup would recreate; stop there.
      if (cleanup.failure?.code === ErrorCode.ActionTimeout || ctx.signal?.aborted) return cleanup;
      return runLifecycle(ctx, 'setup');
    }
    case LabAction.Setup:
    case LabAction.Solution:
    case LabAction.Cleanup:
      return runLifecycle(ctx, action);
  }
}
