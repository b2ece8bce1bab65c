/**
 * One connection from a lab page to the runner: health probe, WebSocket with the token as a
 * subprotocol, byte-counted flow-control acks, and reconnection with backoff. It knows nothing
 * of React; the widget subscribes to its state.
 *
 * Sessions outlive their socket: the runner hands out a resume id in `ready`, kept here in
 * sessionStorage per lab, and a reconnect (after a reload, or a dropped connection) sends it back
 * with how much of the session's output this terminal already has. The runner then continues the
 * same shell and sends only what the terminal lacks.
 */
import {
  ClientMessageType,
  CloseCode,
  ErrorCode,
  FlowControl,
  RESUME_ID_PATTERN,
  ServerMessageType,
  SessionStart,
  TerminalSize,
  clientSubprotocols,
  parseServerMessage,
  type ClientMessage,
  type HelloMessage,
  type LabAction,
  type Locale,
  type ProgressMessage,
  type ServerMessage,
} from '@site/labs/runner/src/protocol';
import {isRunnerTrusted, runnerUrls} from './token';

export {SessionStart};

export type ConnectionState =
  /** No token yet: the reader must open the runner's link or paste the token. */
  | {kind: 'no-token'}
  /** A link named a class runner the reader has not agreed to yet; nothing is sent to it before. */
  | {kind: 'confirm-runner'; origin: string}
  | {kind: 'connecting'}
  /** /healthz did not answer: the runner is not running (or on another port). */
  | {kind: 'runner-down'; retryInMs: number}
  /** The runner answers health but refused the WebSocket: wrong or old token (or this origin). */
  | {kind: 'token-refused'}
  | {kind: 'connected'}
  /** The runner ended the session with a reason (idle timeout, shutdown …). */
  | {kind: 'closed'; code: string; message: string}
  /** The socket dropped unexpectedly; reconnecting. */
  | {kind: 'disconnected'; retryInMs: number};

/** How the session behind a `connected` state began; see {@link ConnectionEvents.session}. */
export type SessionInfo = {
  /**
   * `new`: a fresh shell and folder. `resumed`: the same shell as before this page (re)connected.
   * `expired`: this page asked for its earlier session, which had ended; a fresh one began (say so).
   */
  start: SessionStart;
  /** The terminal's content is still right: output continues exactly where it stopped. */
  continues: boolean;
};

export type ConnectionEvents = {
  state: (state: ConnectionState) => void;
  /** PTY output; call `done` once the terminal has parsed it (flow control). */
  output: (bytes: Uint8Array, done: () => void) => void;
  message: (message: ServerMessage) => void;
  /**
   * Clear the terminal: what follows does not continue what it shows (a new session, or output
   * missed beyond what the runner kept). Called before any output of the new session.
   */
  reset?: () => void;
  /** Called on every `ready`, before its output and before `message` gets it. */
  session?: (info: SessionInfo) => void;
};

/** Reconnect backoff: quick at first (the runner restarting), then patient (someone went for coffee). */
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const HEALTH_TIMEOUT_MS = 2500;
/**
 * Close codes after which reconnecting would only fail again or surprise the reader. 4409 (taken
 * over): the session goes on in another tab; reconnecting would take it back and start a tug of war.
 */
const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.BadMessage, CloseCode.UnknownLab, CloseCode.TakenOver, CloseCode.TooManySessions, CloseCode.IdleTimeout,
  CloseCode.SessionExpired, CloseCode.SpawnFailed, CloseCode.Shutdown, CloseCode.MessageTooBig,
]);
/** sessionStorage key of a lab's resume id: per tab (a duplicated tab copies it), per lab. */
export function resumeStorageKey(lab: string): string {
  return `k8slab.resume.${lab}`;
}

export type ConnectionOptions = {
  runner: string;
  token: string | null;
  lab: string;
  locale: Locale;
  size: () => {cols: number; rows: number};
  on: ConnectionEvents;
};

export class RunnerConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private unacked = 0;
  private disposed = false;
  private lastError: {code: string; message: string} | null = null;
  private requestSeq = 0;
  /** Offset in the session's output of the next byte; null until this page has had a `ready`. */
  private outputOffset: number | null = null;

  constructor(private readonly options: ConnectionOptions) {}

  start(): void {
    if (!this.options.token) {
      this.options.on.state({kind: 'no-token'});
      return;
    }
    if (!isRunnerTrusted(this.options.runner)) {
      this.options.on.state({kind: 'confirm-runner', origin: this.options.runner});
      return;
    }
    void this.connect();
  }

  /** Reconnect now with a (possibly new) token, e.g. after the reader pasted one. */
  restart(token?: string | null, runner?: string): void {
    if (token !== undefined) this.options.token = token;
    if (runner !== undefined) this.options.runner = runner;
    this.stop();
    this.disposed = false;
    this.attempt = 0;
    this.start();
  }

  stop(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  sendInput(data: string | Uint8Array): void {
    if (!this.open) return;
    this.socket!.send(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }

  resize(cols: number, rows: number): void {
    this.send({
      t: ClientMessageType.Resize,
      cols: clamp(cols, TerminalSize.MinCols, TerminalSize.MaxCols),
      rows: clamp(rows, TerminalSize.MinRows, TerminalSize.MaxRows),
    });
  }

  /** Asks the runner to run a lab script; returns the request id its messages will carry. */
  action(action: LabAction): string | null {
    if (!this.open) return null;
    const requestId = `${action}-${Date.now().toString(36)}-${++this.requestSeq}`;
    this.send({t: ClientMessageType.Action, action, requestId});
    return requestId;
  }

  probe(): void {
    this.send({t: ClientMessageType.Probe});
  }

  /** Tells the runner the reader opened a hint or the solution (a class runner shows it to the trainer). */
  report(message: ProgressMessage): void {
    this.send(message);
  }

  private send(message: ClientMessage): void {
    if (this.open) this.socket!.send(JSON.stringify(message));
  }

  private async healthy(): Promise<boolean> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), HEALTH_TIMEOUT_MS);
    try {
      const response = await fetch(runnerUrls(this.options.runner).health, {signal: controller.signal, cache: 'no-store'});
      return response.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<void> {
    this.options.on.state({kind: 'connecting'});
    if (!(await this.healthy())) {
      if (!this.disposed) this.scheduleRetry('runner-down');
      return;
    }
    if (this.disposed) return;
    let opened = false;
    let socket: WebSocket;
    try {
      socket = new WebSocket(runnerUrls(this.options.runner).socket, clientSubprotocols(this.options.token!));
    } catch {
      this.options.on.state({kind: 'token-refused'});
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.unacked = 0;
    this.lastError = null;

    socket.onopen = () => {
      opened = true;
      const {cols, rows} = this.options.size();
      const hello: HelloMessage = {t: ClientMessageType.Hello, lab: this.options.lab, cols, rows, locale: this.options.locale};
      const resumeId = this.storedResumeId();
      if (resumeId) {
        hello.resumeId = resumeId;
        if (this.outputOffset !== null) hello.outputOffset = this.outputOffset;
      }
      this.send(hello);
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      if (typeof event.data === 'string') {
        const parsed = parseServerMessage(event.data);
        if (!parsed.ok) return;
        const message = parsed.message;
        if (message.t === ServerMessageType.Ready) {
          this.attempt = 0;
          const continues = message.start === SessionStart.Resumed && message.outputOffset === this.outputOffset;
          if (!continues && this.outputOffset !== null) this.options.on.reset?.();
          this.outputOffset = message.outputOffset;
          this.storeResumeId(message.resumeId);
          this.options.on.session?.({start: message.start, continues});
          this.options.on.state({kind: 'connected'});
        } else if (message.t === ServerMessageType.Error && message.fatal) {
          this.lastError = {code: message.code, message: message.message};
          // The session is gone, except when another tab took it: reloading here takes it back.
          if (message.code !== ErrorCode.TakenOver) this.storeResumeId(null);
        } else if (message.t === ServerMessageType.Exit) {
          this.storeResumeId(null);
        }
        this.options.on.message(message);
        return;
      }
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      if (this.outputOffset !== null) this.outputOffset += bytes.byteLength;
      // Acks count toward this socket only: the next one starts from zero.
      this.options.on.output(bytes, () => {
        if (this.socket === socket) this.acknowledge(bytes.byteLength);
      });
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.disposed) return;
      if (!opened) {
        // Health answered, yet the upgrade failed: the runner refused this token (or origin).
        this.options.on.state({kind: 'token-refused'});
        return;
      }
      if (this.lastError || FINAL_CLOSE_CODES.has(event.code) || event.code === 1000) {
        this.options.on.state({
          kind: 'closed',
          code: this.lastError?.code ?? String(event.code),
          message: this.lastError?.message ?? event.reason,
        });
        return;
      }
      this.scheduleRetry('disconnected');
    };
  }

  private storedResumeId(): string | null {
    try {
      const value = window.sessionStorage.getItem(resumeStorageKey(this.options.lab));
      return value && RESUME_ID_PATTERN.test(value) ? value : null;
    } catch {
      // Storage disabled: every connection is a new session.
      return null;
    }
  }

  private storeResumeId(value: string | null): void {
    try {
      const key = resumeStorageKey(this.options.lab);
      if (value) window.sessionStorage.setItem(key, value);
      else window.sessionStorage.removeItem(key);
    } catch {
      // Storage disabled or full: resuming after a reload will not work, the rest does.
    }
  }

  /** Acks in batches, after xterm has parsed the bytes, so a slow tab slows the shell down. */
  private acknowledge(bytes: number): void {
    this.unacked += bytes;
    if (this.unacked >= FlowControl.AckChunkBytes) {
      this.send({t: ClientMessageType.Ack, bytes: this.unacked});
      this.unacked = 0;
    }
  }

  private scheduleRetry(kind: 'runner-down' | 'disconnected'): void {
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.options.on.state({kind, retryInMs: delay});
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.disposed) void this.connect();
    }, delay);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(value)));
}
