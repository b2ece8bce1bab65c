/**
 * One browser session: awaiting-hello → starting → running → closed.
 *
 * Nothing is spawned before `hello`. Then the session gets a fresh folder, bash in a PTY (paused
 * until `ready` is sent, so `ready` always comes first), flow control, and lab actions. Every way
 * out goes through {@link Session.close}, which marks the session closed first, so late callbacks
 * (PTY data, script output, timers) become no-ops.
 */
import crypto from 'node:crypto';
import type {WebSocket, RawData} from 'ws';
import {FIX_FOR, clusterProblem, localizeProbe, type ProbeSource} from './env-probe';
import {errorText, translator, type MessageValues, type Translate} from './i18n';
import {labNamespace, type LabEntry} from './lab-catalog';
import {readLabKubeconfig, sessionKubeconfigText, writeSessionKubeconfig} from './kubeconfig';
import type {Logger} from './log';
import {Shell} from './pty';
import {
  ClientMessageType, CloseCode, ERROR_CLOSE_CODES, ErrorCode, PROTOCOL_VERSION, ProgressMessageType, ServerMessageType,
  parseClientMessage, type HelloMessage, type Locale, type ServerMessage,
} from './protocol';
import {runScript} from './lab-actions';
import type {SessionProgress} from './roster';
import {SessionActions} from './session-actions';
import type {SessionHost, TerminalProcess} from './session-host';
import {sendText, type NoteStyle} from './session-io';
import {TerminalStream} from './terminal-stream';
import {createSessionDirs, removeSessionDirs, writeBashrc, type SessionDirs} from './workdir';

/** What every session shares; built once by the server. */
export interface SessionContext {
  labs: ReadonlyMap<string, LabEntry>;
  probe: ProbeSource;
  kubeconfigPath: string;
  labContext: string;
  /** PATH for the shell and the scripts. */
  toolPath: string;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  helloTimeoutMs: number;
  shellKillGraceMs: number;
  actionKillGraceMs: number;
  maxControlMessageBytes: number;
  maxActionOutputBytes: number;
  /** Parent of session folders (default: the OS temp folder). */
  tmpDir?: string;
  log: Logger;
  /** Class mode: where this session's shell and scripts run (absent: a PTY on this machine). */
  createHost?: (entry: LabEntry) => SessionHost;
  /** Class mode: the learner's namespace for a lab (absent: `lab-<id>`). */
  namespaceFor?: (labId: string) => string;
  /** Class mode: the learner's progress, for the trainer's roster. */
  progress?: SessionProgress;
}

type State = 'awaiting-hello' | 'starting' | 'running' | 'closed';
/** setTimeout cannot wait longer than this (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Minutes for a message, to one decimal (a short `--idle-timeout` is not "0 minutes"). */
function minutes(ms: number): number {
  return Number((ms / 60_000).toFixed(1));
}

export class Session {
  readonly id = crypto.randomBytes(4).toString('hex');
  private state: State = 'awaiting-hello';
  private t: Translate;
  private readonly log: Logger;
  private entry: LabEntry | null = null;
  private dirs: SessionDirs | null = null;
  private shell: TerminalProcess | null = null;
  private host: SessionHost | null = null;
  private env: Record<string, string> = {};
  private terminal: TerminalStream | null = null;
  private actions: SessionActions | null = null;
  private readonly abort = new AbortController();
  private lastActivityMs = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: SessionContext,
    locale: Locale,
    private readonly onClosed: (session: Session) => void,
  ) {
    this.t = translator(locale);
    this.log = ctx.log.child({session: this.id});
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => void this.close(CloseCode.Normal));
    ws.on('error', (error: NodeJS.ErrnoException) => {
      // ws has already started closing (with 1009 for an oversized frame); only log and clean up.
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      this.log.warn(tooBig ? 'message.refused' : 'socket.error', tooBig ? {reason: 'frame over maxPayload', code: ErrorCode.MessageTooBig} : {error});
      void this.close(tooBig ? CloseCode.MessageTooBig : CloseCode.Normal);
    });
    this.after(ctx.helloTimeoutMs, () => {
      if (this.state === 'awaiting-hello') void this.close(CloseCode.HelloTimeout, ErrorCode.HelloTimeout);
    });
    this.after(ctx.absoluteTimeoutMs, () =>
      void this.close(CloseCode.SessionExpired, ErrorCode.SessionExpired, {minutes: minutes(ctx.absoluteTimeoutMs)}),
    );
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Resolves when the session is closed and cleaned up (undefined while it is open). */
  get done(): Promise<void> | null {
    return this.closing;
  }

  private after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, Math.min(ms, MAX_TIMER_MS));
    this.timers.add(timer);
    return timer;
  }

  private send(message: ServerMessage): void {
    sendText(this.ws, message);
    if (message.t === ServerMessageType.ActionResult && this.entry) this.ctx.progress?.actionResult(this.entry.lab.id, message);
  }

  private sendError(code: ErrorCode, values?: MessageValues, extra: {requestId?: string; fatal?: boolean} = {}): void {
    const fix = FIX_FOR[code];
    this.send({
      t: ServerMessageType.Error, code, message: errorText(this.t, code, values),
      ...(fix ? {fix} : {}), ...(extra.requestId ? {requestId: extra.requestId} : {}), fatal: extra.fatal ?? false,
    });
  }

  private note(text: string, style: NoteStyle): void {
    this.terminal?.note(text, style);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    if (isBinary) {
      if (this.state !== 'running' || !this.shell) {
        this.log.debug('input.dropped', {reason: 'session not running', bytes: buffer.length, state: this.state});
        return;
      }
      this.lastActivityMs = Date.now();
      this.shell.write(buffer);
      return;
    }
    if (buffer.length > this.ctx.maxControlMessageBytes) {
      this.log.warn('message.refused', {reason: 'control message too big', bytes: buffer.length, limitBytes: this.ctx.maxControlMessageBytes});
      this.sendError(ErrorCode.BadMessage, {reason: `control message over ${this.ctx.maxControlMessageBytes} bytes`});
      return;
    }
    const parsed = parseClientMessage(buffer.toString('utf8'));
    if (!parsed.ok) {
      if (parsed.kind === 'unknown-type') {
        this.log.info('message.ignored', {reason: 'unknown type', type: parsed.type});
        return;
      }
      this.log.warn('message.refused', {reason: parsed.reason, state: this.state});
      if (this.state === 'awaiting-hello') void this.close(CloseCode.BadMessage, ErrorCode.BadMessage, {reason: parsed.reason});
      else this.sendError(ErrorCode.BadMessage, {reason: parsed.reason});
      return;
    }
    const message = parsed.message;
    if (this.state === 'awaiting-hello') {
      if (message.t !== ClientMessageType.Hello) {
        void this.close(CloseCode.BadMessage, ErrorCode.BadMessage, {reason: 'the first message must be hello'});
        return;
      }
      this.start(message).catch((error: unknown) => {
        this.log.error('session.start-failed', {error});
        void this.close(CloseCode.SpawnFailed, ErrorCode.SpawnFailed, {reason: (error as Error).message});
      });
      return;
    }
    // Until `ready` is sent, only the terminal's own messages make sense; answers must follow `ready`.
    if (this.state === 'starting' && message.t !== ClientMessageType.Ack && message.t !== ClientMessageType.Resize) {
      this.sendError(ErrorCode.BadMessage, {reason: 'the session is still starting; wait for ready'});
      return;
    }
    switch (message.t) {
      case ClientMessageType.Hello:
        this.sendError(ErrorCode.BadMessage, {reason: 'hello was already received'});
        return;
      case ClientMessageType.Ack:
        this.terminal?.acked(message.bytes);
        return;
      case ClientMessageType.Resize:
        this.shell?.resize(message.cols, message.rows);
        return;
      case ClientMessageType.Probe:
        this.ctx.probe.probe().then(
          (facts) => {
            if (!this.isClosed) this.send({t: ServerMessageType.ProbeResult, probe: localizeProbe(facts, this.t)});
          },
          (error: unknown) => this.log.error('probe.failed', {error}),
        );
        return;
      case ClientMessageType.Action:
        this.actions?.start(message);
        return;
      case ProgressMessageType.HintOpened:
      case ProgressMessageType.SolutionRevealed:
        if (this.entry) this.ctx.progress?.report(this.entry.lab.id, message);
        return;
    }
  }

  private async start(hello: HelloMessage): Promise<void> {
    this.state = 'starting';
    this.t = translator(hello.locale);
    const entry = this.ctx.labs.get(hello.lab);
    if (!entry) {
      this.log.warn('session.refused', {reason: 'unknown lab', lab: hello.lab});
      return this.close(CloseCode.UnknownLab, ErrorCode.UnknownLab, {lab: hello.lab});
    }
    this.entry = entry;
    const lab = entry.lab;
    const namespace = this.ctx.namespaceFor?.(lab.id) ?? labNamespace(lab.id);
    const facts = this.ctx.probe.probe();
    try {
      this.dirs = createSessionDirs(lab.id, entry.dir, this.ctx.tmpDir);
      writeBashrc(this.dirs, lab.id);
      this.refreshKubeconfig();
      this.env = {
        PATH: this.ctx.toolPath, HOME: this.dirs.work, TERM: 'xterm-256color', LANG: 'C.UTF-8',
        KUBECONFIG: this.dirs.kubeconfig, LAB_ID: lab.id, LAB_NAMESPACE: namespace, LAB_WORKDIR: this.dirs.work,
      };
      const request = {cwd: this.dirs.work, env: this.env, cols: hello.cols, rows: hello.rows, rcFile: this.dirs.rcFile};
      this.host = this.ctx.createHost?.(entry) ?? null;
      this.shell = this.host ? await this.host.spawnShell(request) : Shell.spawn(request);
      if (this.isClosed) return void this.shell.kill(this.ctx.shellKillGraceMs);
    } catch (error) {
      this.log.error('session.spawn-failed', {lab: lab.id, error});
      return this.close(CloseCode.SpawnFailed, ErrorCode.SpawnFailed, {reason: (error as Error).message});
    }
    const shell = this.shell;
    const terminal = new TerminalStream(this.ws, shell, this.log);
    this.terminal = terminal;
    shell.onExit((exit) => {
      if (this.state === 'closed') return;
      this.log.info('shell.exit', {...exit});
      terminal.flush();
      this.send({t: ServerMessageType.Exit, exitCode: exit.exitCode, signal: exit.signal});
      void this.close(CloseCode.Normal);
    });
    const dirs = this.dirs;
    this.actions = new SessionActions({
      entry, cwd: dirs.work, env: this.env, probe: this.ctx.probe, log: this.log.child({lab: lab.id}),
      runScript: (options) => (this.host ? this.host.runScript(options) : runScript(options)),
      signal: this.abort.signal, killGraceMs: this.ctx.actionKillGraceMs, maxOutputBytes: this.ctx.maxActionOutputBytes,
      isClosed: () => this.isClosed,
      t: () => this.t,
      send: (message) => this.send(message),
      sendError: (code, values, requestId) => this.sendError(code, values, {requestId}),
      note: (text) => this.note(text, 'warn'),
      noteClusterProblem: (code, values) => this.noteClusterProblem(code, values),
      refreshKubeconfig: () => this.refreshKubeconfig(),
      touch: () => {
        this.lastActivityMs = Date.now();
      },
    });
    const probe = await facts;
    if (this.isClosed) return;
    this.state = 'running';
    this.lastActivityMs = Date.now();
    this.armIdleTimer(this.ctx.idleTimeoutMs);
    this.log.info('session.start', {lab: lab.id, pid: (shell as Partial<Shell>).pid, cols: hello.cols, rows: hello.rows, locale: hello.locale});
    this.ctx.progress?.connected(lab.id);
    this.send({
      t: ServerMessageType.Ready, protocol: PROTOCOL_VERSION, session: this.id, lab: lab.id, namespace,
      requires: lab.requires, probe: localizeProbe(probe, this.t),
      limits: {idleTimeoutMs: this.ctx.idleTimeoutMs, absoluteTimeoutMs: this.ctx.absoluteTimeoutMs},
    });
    const title = lab.title[hello.locale];
    this.note(lab.requires === 'cluster' ? this.t('terminal.welcomeCluster', {title, namespace}) : this.t('terminal.welcomeLocal', {title}), 'info');
    const problem = lab.requires === 'cluster' ? clusterProblem(probe) : null;
    if (problem?.code) this.noteClusterProblem(problem.code, problem.values);
    terminal.open();
  }

  private noteClusterProblem(code: ErrorCode, values?: MessageValues): void {
    this.note(this.t('terminal.clusterNotReady', {message: `[${code}] ${errorText(this.t, code, values)}`}), 'warn');
    const fix = FIX_FOR[code];
    if (fix) this.note(this.t('terminal.fix', {fix}), 'warn');
  }

  /** Rewrites the session kubeconfig: the lab cluster for cluster labs when it is valid, else empty. */
  private refreshKubeconfig(): void {
    if (!this.dirs || !this.entry) return;
    const lab = this.entry.lab.requires === 'cluster' ? readLabKubeconfig(this.ctx.kubeconfigPath, this.ctx.labContext) : null;
    writeSessionKubeconfig(this.dirs.kubeconfig, sessionKubeconfigText(lab, labNamespace(this.entry.lab.id)));
  }

  private armIdleTimer(ms: number): void {
    this.after(ms, () => {
      if (this.isClosed) return;
      const idleMs = Date.now() - this.lastActivityMs;
      if (this.actions?.busy) this.armIdleTimer(this.ctx.idleTimeoutMs);
      else if (idleMs >= this.ctx.idleTimeoutMs) {
        void this.close(CloseCode.IdleTimeout, ErrorCode.IdleTimeout, {minutes: minutes(this.ctx.idleTimeoutMs)});
      } else this.armIdleTimer(this.ctx.idleTimeoutMs - idleMs);
    });
  }

  /**
   * Ends the session: marks it closed, tells the client why (for an error), closes the socket with
   * `code`, kills a running action and the shell's process groups (SIGHUP, then SIGKILL after the
   * grace period), waits for them to be reaped and removes the session folder. Idempotent.
   */
  close(code: CloseCode, error?: ErrorCode, values?: MessageValues): Promise<void> {
    if (this.closing) return this.closing;
    const wasState = this.state;
    this.state = 'closed';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (error) {
      this.log.info('session.closing', {reason: error, closeCode: code, lab: this.entry?.lab.id, state: wasState, ...values});
      this.sendError(error, values, {fatal: true});
    }
    const closeCode = error ? (ERROR_CLOSE_CODES[error] ?? code) : code;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(closeCode, error ?? '');
    this.abort.abort();
    this.terminal?.close();
    this.closing = (async () => {
      await Promise.all([this.shell?.kill(this.ctx.shellKillGraceMs), this.actions?.settled()]);
      await this.host?.dispose();
      if (wasState === 'running' && this.entry) this.ctx.progress?.disconnected(this.entry.lab.id);
      if (this.dirs && !(await removeSessionDirs(this.dirs))) this.log.warn('workdir.leftover', {dir: this.dirs.root});
      this.log.info('session.closed', {closeCode, lab: this.entry?.lab.id});
      this.onClosed(this);
    })();
    return this.closing;
  }
}
