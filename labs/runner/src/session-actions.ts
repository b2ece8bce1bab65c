/**
 * A session's lab actions: one at a time, refused up front for a cluster lab whose cluster is not
 * ready, output forwarded as it comes (bounded), and exactly one `action-result` or `error` per
 * request. The session owns the socket and the terminal; this module only asks it to send.
 */
import {labProblem, type ProbeSource} from './env-probe.ts';
import {errorText, type MessageValues, type Translate} from './i18n.ts';
import {runAction, type RunScriptOptions, type ScriptResult} from './lab-actions.ts';
import type {LabEntry} from './lab-catalog.ts';
import type {Logger} from './log.ts';
import {ErrorCode, ServerMessageType, type ActionMessage, type LabAction, type ServerMessage} from './protocol.ts';

/** What the session provides to its actions. */
export interface ActionHost {
  entry: LabEntry;
  /** The session's working folder (cwd of every script). */
  cwd: string;
  /** The session's minimal environment. */
  env: Record<string, string>;
  /** Runs one lab script where the session runs (its SessionHost): nothing here starts a process. */
  runScript(options: RunScriptOptions): Promise<ScriptResult>;
  probe: ProbeSource;
  log: Logger;
  /** Aborted when the session closes: kills a running script's process group. */
  signal: AbortSignal;
  /** Milliseconds between SIGTERM and SIGKILL for a timed-out script. */
  killGraceMs: number;
  /** Output forwarded per action, at most, in bytes. */
  maxOutputBytes: number;
  isClosed(): boolean;
  /** The session's current translate function (its locale). */
  t(): Translate;
  send(message: ServerMessage): void;
  sendError(code: ErrorCode, values: MessageValues | undefined, requestId: string): void;
  /** Writes a warning line into the terminal. */
  note(text: string): void;
  noteClusterProblem(code: ErrorCode, values?: MessageValues): void;
  /** Rewrites the session kubeconfig from the lab kubeconfig (the cluster may have come up since). */
  refreshKubeconfig(): void;
  /** Counts as activity for the idle timeout. */
  touch(): void;
}

export class SessionActions {
  private running: {name: LabAction; done: Promise<void>} | null = null;

  constructor(private readonly host: ActionHost) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves once no action is running (immediately if none is). */
  settled(): Promise<void> {
    return this.running?.done ?? Promise.resolve();
  }

  /** Starts an action, or answers RUNNER_ERR_BUSY naming the one still running. */
  start(message: ActionMessage): void {
    if (this.running) {
      this.host.sendError(ErrorCode.Busy, {action: this.running.name}, message.requestId);
      return;
    }
    this.host.touch();
    const done = this.perform(message)
      .catch((error: unknown) => this.host.log.error('action.crashed', {error}))
      .finally(() => {
        this.running = null;
        this.host.touch();
      });
    this.running = {name: message.action, done};
  }

  private async perform({action, requestId}: ActionMessage): Promise<void> {
    const host = this.host;
    const log = host.log.child({action, requestId});
    // Refused up front when a tool the lab lists is missing, or a cluster lab's cluster is not ready.
    const problem = labProblem(await host.probe.probe(), host.entry.lab);
    if (host.isClosed()) return;
    if (problem?.code) {
      log.warn('action.refused', {reason: 'environment not ready', code: problem.code});
      host.sendError(problem.code, problem.values, requestId);
      host.noteClusterProblem(problem.code, problem.values);
      return;
    }
    if (host.entry.lab.requires === 'cluster') host.refreshKubeconfig();
    log.info('action.start');
    host.send({t: ServerMessageType.ActionStarted, requestId, action});
    const started = Date.now();
    let forwardedBytes = 0;
    const outcome = await runAction(action, {
      entry: host.entry, runScript: (options) => host.runScript(options), cwd: host.cwd, env: host.env, signal: host.signal, killGraceMs: host.killGraceMs,
      onOutput: (stream, data) => {
        if (host.isClosed() || forwardedBytes > host.maxOutputBytes) return;
        forwardedBytes += Buffer.byteLength(data);
        const text = forwardedBytes > host.maxOutputBytes ? host.t()('terminal.outputTruncated', {bytes: host.maxOutputBytes}) : data;
        host.send({t: ServerMessageType.ActionOutput, requestId, stream, data: text});
      },
    });
    if (host.isClosed()) return;
    const durationMs = Date.now() - started;
    const failure = outcome.failure;
    log.info('action.end', {ok: outcome.ok, exitCode: outcome.exitCode, durationMs, code: failure?.code});
    const message = failure ? errorText(host.t(), failure.code, failure.values) : undefined;
    host.send({
      t: ServerMessageType.ActionResult, requestId, action, ok: outcome.ok, exitCode: outcome.exitCode, durationMs,
      ...(outcome.tasks ? {tasks: outcome.tasks} : {}), ...(failure ? {code: failure.code, message} : {}),
    });
    if (failure?.code === ErrorCode.ActionTimeout && message) {
      host.note(host.t()('terminal.actionTimedOut', {message: `[${failure.code}] ${message}`}));
    }
  }
}
