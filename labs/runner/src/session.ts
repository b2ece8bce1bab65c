/**
 * One lab session: starting → running → closed, with a socket attached or not.
 *
 * The server creates a session for a `hello` that resumes nothing. It gets a fresh folder, a shell
 * from its SessionHost (paused until `ready` is sent, so `ready` always comes first), flow control
 * and lab actions. When the socket drops, the session stays for the resume grace period: the shell
 * runs on, its output goes into the terminal stream's ring, and a `hello` with the session's
 * resume id attaches a new socket, which gets `ready` and the output it lacks. A `hello` from a
 * second page takes the session over, and the first socket is closed with 4409.
 *
 * Every way out goes through {@link Session.close}, which marks the session closed first, so late
 * callbacks (shell output, script output, timers) become no-ops.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type {WebSocket, RawData} from 'ws';
import {FIX_FOR, labProblem, localizeProbe, problemNote, type ProbeFacts, type ProbeSource} from './env-probe.ts';
import {toBuffer} from './hello-gate.ts';
import {errorText, translator, type MessageValues, type Translate} from './i18n.ts';
import {labNamespace, type LabEntry} from './lab-catalog.ts';
import {readLabKubeconfig, sessionKubeconfigText, writeSessionKubeconfig} from './kubeconfig.ts';
import {Limits} from './limits.ts';
import type {Logger} from './log.ts';
import {
  ClientMessageType, CloseCode, ERROR_CLOSE_CODES, ErrorCode, PROTOCOL_VERSION, ProbeState, ProgressMessageType, ServerMessageType, SessionStart,
  parseClientMessage, type HelloMessage, type Locale, type ServerMessage,
} from './protocol.ts';
import type {SessionProgress} from './roster.ts';
import {SessionActions} from './session-actions.ts';
import type {SessionHost, TerminalProcess} from './session-host.ts';
import {sendText, type NoteStyle} from './session-io.ts';
import {SHELL_COMMAND_FOR_FIX, writeShellMessages, writeShellRc} from './shell-rc.ts';
import {TerminalStream} from './terminal-stream.ts';
import {createSessionDirs, removeSessionDirs, type SessionDirs} from './workdir.ts';

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
  /** How long a session without a socket waits for its page; 0 ends it with the socket. */
  resumeGraceMs: number;
  helloTimeoutMs: number;
  shellKillGraceMs: number;
  actionKillGraceMs: number;
  maxControlMessageBytes: number;
  maxActionOutputBytes: number;
  /** Parent of session folders (default: the OS temp folder). */
  tmpDir?: string;
  /** The checkout: where the shell's `lab-cluster-up` runs `npm run cluster:up`. */
  repoRoot: string;
  /** What `lab-cluster-up` gets of the reader's environment (shell-rc.ts clusterUpEnv). */
  clusterUpEnv: Record<string, string>;
  /** Makes the place one session's shell and actions run: the only way a session starts a process. */
  createHost: (log: Logger) => SessionHost;
  log: Logger;
  /** Class mode: the learner's namespace for a lab (absent: `lab-<id>`). */
  namespaceFor?: (labId: string) => string;
  /** Class mode: the learner's progress, for the trainer's roster. */
  progress?: SessionProgress;
}

type State = 'starting' | 'running' | 'closed';
/** setTimeout cannot wait longer than this (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Messages worth keeping for a client that is away: answers to its requests. */
const QUEUED_TYPES: ReadonlySet<string> = new Set([ServerMessageType.ActionResult, ServerMessageType.Error]);

/** Minutes for a message, to one decimal (a short `--idle-timeout` is not "0 minutes"). */
function minutes(ms: number): number {
  return Number((ms / 60_000).toFixed(1));
}

export class Session {
  readonly id = crypto.randomBytes(4).toString('hex');
  /** What the client sends back to resume: unguessable, never logged. */
  readonly resumeId = crypto.randomBytes(16).toString('hex');
  private state: State = 'starting';
  private started = false;
  private socket: WebSocket | null = null;
  private detachedAt: number | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private queued: ServerMessage[] = [];
  private t: Translate;
  private locale: Locale;
  private readonly log: Logger;
  private dirs: SessionDirs | null = null;
  private host: SessionHost | null = null;
  private shell: TerminalProcess | null = null;
  private env: Record<string, string> = {};
  private terminal: TerminalStream | null = null;
  private actions: SessionActions | null = null;
  private lastProbe: ProbeFacts | null = null;
  private stopWatchingKubeconfig: (() => void) | null = null;
  private readonly abort = new AbortController();
  private lastActivityMs = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | null = null;
  /** Whether the roster counts this session as open (once per session, not per socket). */
  private progressConnected = false;

  /** A session for `entry`; nothing runs until the first {@link Session.attach}. */
  constructor(
    private readonly ctx: SessionContext,
    readonly entry: LabEntry,
    locale: Locale,
    private readonly onClosed: (session: Session) => void,
  ) {
    this.locale = locale;
    this.t = translator(locale);
    this.log = ctx.log.child({session: this.id});
    this.after(ctx.absoluteTimeoutMs, () =>
      void this.close(CloseCode.SessionExpired, ErrorCode.SessionExpired, {minutes: minutes(ctx.absoluteTimeoutMs)}),
    );
  }

  /** LAB_NAMESPACE of this session: the learner's own in class mode. */
  private get namespace(): string {
    return this.ctx.namespaceFor?.(this.entry.lab.id) ?? labNamespace(this.entry.lab.id);
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  /** Whether a socket is attached. */
  get isAttached(): boolean {
    return this.socket !== null;
  }

  /** When the socket dropped (ms since the epoch), or null while one is attached. */
  get detachedAtMs(): number | null {
    return this.detachedAt;
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

  /**
   * Gives the session a socket, right after its `hello`. The first one starts the session; a later
   * one resumes it: `ready` (with `start: resumed`), then the output the client lacks, then what
   * it missed in control messages. A socket still attached is closed with 4409 (taken over).
   * @param start What `ready` reports for a first socket (new, or expired when the page asked for
   *   a session that is gone).
   */
  attach(ws: WebSocket, hello: HelloMessage, start: SessionStart = SessionStart.New): void {
    if (this.isClosed) throw new Error('attach to a closed session');
    const previous = this.socket;
    // The page being closed is told in its own language, not the new page's.
    const previousT = this.t;
    this.socket = ws;
    this.detachedAt = null;
    if (this.graceTimer) {
      this.timers.delete(this.graceTimer);
      clearTimeout(this.graceTimer);
      this.graceTimer = null;
    }
    this.locale = hello.locale;
    this.t = translator(hello.locale);
    this.lastActivityMs = Date.now();
    ws.on('message', (data, isBinary) => {
      if (this.socket === ws) this.onMessage(data, isBinary);
    });
    ws.on('close', () => {
      if (this.socket === ws) this.onSocketGone();
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      if (this.socket !== ws) return;
      // ws has already started closing (with 1009 for an oversized frame). Such a client is not
      // coming back with smaller frames: end the session rather than wait for it.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.log.warn('message.refused', {reason: 'frame over maxPayload', code: ErrorCode.MessageTooBig});
        void this.close(CloseCode.MessageTooBig);
      } else this.log.warn('socket.error', {error});
    });
    if (previous) {
      this.log.info('session.taken-over', {lab: this.entry.lab.id});
      sendText(previous, {
        t: ServerMessageType.Error, code: ErrorCode.TakenOver, message: errorText(previousT, ErrorCode.TakenOver), fatal: true,
      });
      previous.close(CloseCode.TakenOver, ErrorCode.TakenOver);
    }
    if (!this.started) {
      this.started = true;
      this.start(hello, start).catch((error: unknown) => {
        this.log.error('session.start-failed', {error});
        void this.close(CloseCode.SpawnFailed, ErrorCode.SpawnFailed, {reason: (error as Error).message});
      });
    } else if (this.state === 'running') this.resume(hello);
    // Still starting: the first socket had no resume id yet, so a second one cannot get here.
  }

  private send(message: ServerMessage): void {
    // Counted whether or not a socket is attached: the check ran either way.
    if (message.t === ServerMessageType.ActionResult) this.ctx.progress?.actionResult(this.entry.lab.id, message);
    if (this.socket) {
      sendText(this.socket, message);
      return;
    }
    if (QUEUED_TYPES.has(message.t) && this.queued.length < Limits.maxQueuedMessages) this.queued.push(message);
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
    const buffer = toBuffer(data);
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
      this.sendError(ErrorCode.BadMessage, {reason: parsed.reason});
      return;
    }
    const message = parsed.message;
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
        this.sendProbe();
        return;
      case ClientMessageType.Action:
        this.actions?.start(message);
        return;
      case ProgressMessageType.HintOpened:
      case ProgressMessageType.SolutionRevealed:
        this.ctx.progress?.report(this.entry.lab.id, message);
        return;
    }
  }

  private sendProbe(): void {
    this.ctx.probe.probe().then(
      (facts) => {
        this.lastProbe = facts;
        if (!this.isClosed) this.send({t: ServerMessageType.ProbeResult, probe: localizeProbe(facts, this.t)});
      },
      (error: unknown) => this.log.error('probe.failed', {error}),
    );
  }

  /** The socket closed (the client went, or the heartbeat found it dead). */
  private onSocketGone(): void {
    this.socket = null;
    if (this.state !== 'running' || this.ctx.resumeGraceMs === 0) {
      void this.close(CloseCode.Normal);
      return;
    }
    this.terminal?.detach();
    this.detachedAt = Date.now();
    this.log.info('session.detached', {lab: this.entry.lab.id, graceMs: this.ctx.resumeGraceMs});
    this.graceTimer = this.after(this.ctx.resumeGraceMs, () => {
      this.graceTimer = null;
      this.log.info('session.closing', {reason: 'no reconnect within the resume grace period', graceMs: this.ctx.resumeGraceMs});
      void this.close(CloseCode.Normal);
    });
  }

  private readyMessage(start: SessionStart, outputOffset: number, probe: ProbeFacts): ServerMessage {
    const lab = this.entry.lab;
    return {
      t: ServerMessageType.Ready, protocol: PROTOCOL_VERSION, session: this.id, lab: lab.id, namespace: this.namespace,
      requires: lab.requires, probe: localizeProbe(probe, this.t),
      limits: {idleTimeoutMs: this.ctx.idleTimeoutMs, absoluteTimeoutMs: this.ctx.absoluteTimeoutMs, resumeGraceMs: this.ctx.resumeGraceMs},
      resumeId: this.resumeId, start, outputOffset,
    };
  }

  private async start(hello: HelloMessage, start: SessionStart): Promise<void> {
    const entry = this.entry;
    const lab = entry.lab;
    const namespace = this.namespace;
    const facts = this.ctx.probe.probe();
    let shell: TerminalProcess;
    try {
      this.dirs = createSessionDirs(lab.id, entry.dir, this.ctx.tmpDir);
      writeShellRc(this.dirs, {labId: lab.id, repoRoot: this.ctx.repoRoot, clusterUpEnv: this.ctx.clusterUpEnv});
      writeShellMessages(this.dirs, this.t, lab.requires, this.ctx.repoRoot);
      this.refreshKubeconfig();
      this.env = {
        PATH: this.ctx.toolPath, HOME: this.dirs.work, TERM: 'xterm-256color', LANG: 'C.UTF-8',
        KUBECONFIG: this.dirs.kubeconfig, LAB_ID: lab.id, LAB_NAMESPACE: namespace, LAB_WORKDIR: this.dirs.work,
      };
      this.host = this.ctx.createHost(this.log);
      shell = await this.host.spawnShell({cwd: this.dirs.work, env: this.env, cols: hello.cols, rows: hello.rows, rcFile: this.dirs.rcFile});
    } catch (error) {
      this.log.error('session.spawn-failed', {lab: lab.id, error});
      // Where the shell runs elsewhere (a learner's toolbox Pod), the probe knows why it could not
      // start in words the reader can act on; the exec error is for the log.
      const cause = (await facts.catch(() => null))?.items.find((item) => item.state === ProbeState.Failed && item.code);
      if (cause?.code) return this.close(CloseCode.SpawnFailed, cause.code, cause.values);
      return this.close(CloseCode.SpawnFailed, ErrorCode.SpawnFailed, {reason: (error as Error).message});
    }
    this.shell = shell;
    // The session may have ended while the shell was starting; close() then could not see it.
    if (this.isClosed) {
      await shell.kill(this.ctx.shellKillGraceMs);
      return;
    }
    const terminal = new TerminalStream(shell, this.log);
    this.terminal = terminal;
    shell.onExit((exit) => {
      if (this.state === 'closed') return;
      this.log.info('shell.exit', {...exit});
      terminal.flush();
      if (this.socket) sendText(this.socket, {t: ServerMessageType.Exit, exitCode: exit.exitCode, signal: exit.signal});
      void this.close(CloseCode.Normal);
    });
    const dirs = this.dirs;
    const host = this.host;
    this.actions = new SessionActions({
      entry, cwd: dirs.work, env: this.env, probe: this.ctx.probe, log: this.log.child({lab: lab.id}),
      runScript: (options) => host.runScript(options),
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
    this.lastProbe = probe;
    this.state = 'running';
    this.lastActivityMs = Date.now();
    this.armIdleTimer(this.ctx.idleTimeoutMs);
    if (lab.requires === 'cluster') this.watchLabKubeconfig();
    this.log.info('session.start', {lab: lab.id, cols: hello.cols, rows: hello.rows, locale: hello.locale, start});
    this.progressConnected = true;
    this.ctx.progress?.connected(lab.id);
    const socket = this.socket;
    if (!socket) return;
    this.send(this.readyMessage(start, 0, probe));
    terminal.attach(socket, 0);
    const title = lab.title[this.locale];
    this.note(lab.requires === 'cluster' ? this.t('terminal.welcomeCluster', {title, namespace}) : this.t('terminal.welcomeLocal', {title}), 'info');
    if (start === SessionStart.Expired) this.note(this.t('resume.expired'), 'info');
    const problem = labProblem(probe, lab);
    if (problem?.code) this.noteClusterProblem(problem.code, problem.values);
    terminal.open();
  }

  /** A new socket for a running session: `ready`, the output it lacks, what it missed. */
  private resume(hello: HelloMessage): void {
    const terminal = this.terminal!;
    const socket = this.socket!;
    this.shell?.resize(hello.cols, hello.rows);
    if (this.dirs) {
      try {
        writeShellMessages(this.dirs, this.t, this.entry.lab.requires, this.ctx.repoRoot);
      } catch (error) {
        this.log.warn('shell.messages-not-written', {error});
      }
    }
    const from = terminal.resumeOffset(hello.outputOffset);
    this.send(this.readyMessage(SessionStart.Resumed, from, this.lastProbe!));
    const replay = terminal.attach(socket, from);
    for (const message of this.queued.splice(0)) sendText(socket, message);
    this.log.info('session.resumed', {
      lab: this.entry.lab.id, replayFromOffset: replay.fromOffset, replayBytes: replay.bytes,
      clientOffset: hello.outputOffset ?? null, locale: hello.locale,
    });
    // The probe in `ready` may be minutes old: the cluster may have come up meanwhile.
    this.sendProbe();
  }

  private noteClusterProblem(code: ErrorCode, values?: MessageValues): void {
    this.note(problemNote(this.t, code, values), 'warn');
    const fix = FIX_FOR[code];
    if (!fix) return;
    const command = SHELL_COMMAND_FOR_FIX[fix];
    this.note(command ? this.t('shell.fixHere', {command, fix, root: this.ctx.repoRoot}) : this.t('terminal.fix', {fix}), 'warn');
  }

  /** Rewrites the session kubeconfig: the lab cluster for cluster labs when it is valid, else empty. */
  private refreshKubeconfig(): void {
    if (!this.dirs) return;
    const lab = this.entry.lab.requires === 'cluster' ? readLabKubeconfig(this.ctx.kubeconfigPath, this.ctx.labContext) : null;
    writeSessionKubeconfig(this.dirs.kubeconfig, sessionKubeconfigText(lab, this.namespace));
  }

  /**
   * Rewrites the session kubeconfig whenever the lab kubeconfig changes, so a cluster made from
   * this shell (`lab-cluster-up`) is usable here at once, without a reload.
   */
  private watchLabKubeconfig(): void {
    const file = this.ctx.kubeconfigPath;
    const onChange = (current: fs.Stats, previous: fs.Stats): void => {
      if (this.isClosed || (current.mtimeMs === previous.mtimeMs && current.size === previous.size)) return;
      try {
        this.refreshKubeconfig();
        this.log.info('kubeconfig.refreshed', {reason: 'the lab kubeconfig changed'});
      } catch (error) {
        this.log.warn('kubeconfig.refresh-failed', {error});
      }
    };
    fs.watchFile(file, {interval: Limits.labKubeconfigPollMs, persistent: false}, onChange);
    this.stopWatchingKubeconfig = () => fs.unwatchFile(file, onChange);
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
   * Ends the session: marks it closed, tells an attached client why (for an error), closes its
   * socket with `code`, kills a running action and the shell with everything it started (through
   * the host), waits for them to end and removes the session folder. Idempotent.
   */
  close(code: CloseCode, error?: ErrorCode, values?: MessageValues): Promise<void> {
    if (this.closing) return this.closing;
    const wasState = this.state;
    if (error) {
      this.log.info('session.closing', {reason: error, closeCode: code, lab: this.entry.lab.id, state: wasState, attached: this.isAttached, ...values});
      this.sendError(error, values, {fatal: true});
    }
    this.state = 'closed';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.stopWatchingKubeconfig?.();
    const closeCode = error ? (ERROR_CLOSE_CODES[error] ?? code) : code;
    const ws = this.socket;
    this.socket = null;
    if (ws && (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING)) ws.close(closeCode, error ?? '');
    this.queued = [];
    this.abort.abort();
    this.terminal?.close();
    this.closing = (async () => {
      await Promise.all([this.shell?.kill(this.ctx.shellKillGraceMs), this.actions?.settled()]);
      await this.host?.dispose();
      // A dropped socket that may resume is still the same session: only its end counts.
      if (this.progressConnected) this.ctx.progress?.disconnected(this.entry.lab.id);
      if (this.dirs && !(await removeSessionDirs(this.dirs))) this.log.warn('workdir.leftover', {dir: this.dirs.root});
      this.log.info('session.closed', {closeCode, lab: this.entry.lab.id});
      this.onClosed(this);
    })();
    return this.closing;
  }
}
