/**
 * The wire protocol between the lab widget (browser) and the runner. PROTOCOL.md says the same in
 * prose.
 *
 * This module is imported by the site's React lab widget as well as by the runner, so it holds only
 * types, constants and pure functions: no Node imports, no runtime dependencies.
 *
 * - Binary frames carry raw PTY bytes, both ways, with no prefix (nothing is copied per chunk).
 * - Text frames carry one JSON control message each, discriminated by its `t` field.
 * - Message-type strings are spelled only here; everything else uses {@link ClientMessageType} and
 *   {@link ServerMessageType}.
 */

/** Bumped on any incompatible change; also the number in the version subprotocol. */
export const PROTOCOL_VERSION = 1;

/**
 * WebSocket subprotocols. A browser cannot set headers on a WebSocket and the token must never be in
 * a URL, so the client offers the token as a second subprotocol:
 * `new WebSocket(url, [Subprotocol.Version, Subprotocol.TokenPrefix + token])`.
 * The server echoes back only {@link Subprotocol.Version}, never the token.
 */
export const Subprotocol = {
  Version: `k8slab.v${PROTOCOL_VERSION}`,
  TokenPrefix: 'k8slab.token.',
} as const;

/** Where things live on the runner's HTTP server; everything else is 404. */
export const RunnerPath = {
  /** WebSocket upgrades. */
  Socket: '/ws',
  /** `GET` answers {@link HealthResponse} without the token. */
  Health: '/healthz',
} as const;

/** The runner's default loopback port; the printed link names the port only when it differs. */
export const DEFAULT_RUNNER_PORT = 7654;

/** What `GET /healthz` answers: lets the widget tell "runner not running" from "token refused". */
export interface HealthResponse {
  ok: true;
  protocol: number;
}

/**
 * Byte-counted flow control (the xterm.js flow-control guide; VS Code uses the same numbers).
 * The runner counts bytes sent and not yet acknowledged, pauses the PTY above the high watermark and
 * resumes it below the low one. The client acknowledges from xterm's `write` callback, after
 * parsing, in batches of {@link FlowControl.AckChunkBytes}.
 *
 * Invariant: AckChunkBytes <= LowWatermarkBytes. Otherwise the client may hold back its last ack
 * while the server waits for the count to drop under the low watermark, and the PTY never resumes.
 */
export const FlowControl = {
  /**
   * Pause the PTY once this many bytes are unacknowledged. Higher keeps fast output (a `cat` of a big
   * log) flowing with fewer pauses; lower makes Ctrl-C feel instant, because less output is already
   * queued in the browser in front of the `^C`.
   */
  HighWatermarkBytes: 100_000,
  /**
   * Resume once the unacknowledged count drops below this. Lower means fewer pause/resume
   * transitions; higher refills the pipe sooner so the terminal never runs dry while waiting.
   */
  LowWatermarkBytes: 5_000,
  /**
   * The client acknowledges in batches of this many bytes. Bigger batches mean fewer ack messages;
   * smaller ones track the terminal more closely. Must not exceed LowWatermarkBytes (see above).
   */
  AckChunkBytes: 5_000,
} as const;

/** Terminal size bounds the runner accepts in `hello` and `resize`; the widget clamps to them. */
export const TerminalSize = {MinCols: 2, MaxCols: 1000, MinRows: 1, MaxRows: 500} as const;

/** Languages the runner speaks; every person-facing text it sends exists in each. */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** The scripts a client may ask the runner to run, by name; never a path. */
export const LabAction = {
  Setup: 'setup',
  Check: 'check',
  Solution: 'solution',
  /** Cleanup, then setup. */
  Reset: 'reset',
  Cleanup: 'cleanup',
} as const;
export type LabAction = (typeof LabAction)[keyof typeof LabAction];
const LAB_ACTIONS: readonly string[] = Object.values(LabAction);

/** Lab ids are kebab-case folder names under labs/scenarios; anything path-like is refused. */
export const LAB_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest lab id accepted in `hello`; a sanity bound, as ids only ever match a folder name. */
export const MAX_LAB_ID_CHARS = 128;
/**
 * A lab's own failure code, the first stdout line of a failing check (lab.yaml `failures` maps it
 * to text). The same pattern as labs/lib/lab-schema.ts FAILURE_CODE, which a test keeps equal.
 */
export const FAILURE_CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
/** Request ids are chosen by the client to match results to requests. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Resume ids: 128 random bits as 32 lowercase hex characters, made by the runner per session and
 * handed to the client in `ready`. Unguessable, and never a substitute for the token, which every
 * upgrade still needs.
 */
export const RESUME_ID_PATTERN = /^[0-9a-f]{32}$/;

/** How a session began, as `ready` reports it. */
export const SessionStart = {
  /** `hello` named no session to resume: a fresh shell and folder. */
  New: 'new',
  /** `hello` named a live session of this lab: the same shell continues, its screen replayed. */
  Resumed: 'resumed',
  /**
   * `hello` named a session that no longer exists (the reconnect came after the grace period, a
   * limit ended it, or the runner was restarted): a fresh shell and folder, and the widget says so.
   */
  Expired: 'expired',
} as const;
export type SessionStart = (typeof SessionStart)[keyof typeof SessionStart];

// ---------------------------------------------------------------------------------------------
// Client → server

export const ClientMessageType = {Hello: 'hello', Resize: 'resize', Ack: 'ack', Action: 'action', Probe: 'probe'} as const;
export type ClientMessageType = (typeof ClientMessageType)[keyof typeof ClientMessageType];

/**
 * The first control message. Nothing is spawned before it: the runner then creates the session's
 * working directory, starts bash in a PTY of this size and answers `ready`.
 */
export interface HelloMessage {
  t: typeof ClientMessageType.Hello;
  /** A lab id (a folder under labs/scenarios); unknown ids close the socket. */
  lab: string;
  cols: number;
  rows: number;
  /** Language of every person-facing text the runner sends in this session. */
  locale: Locale;
  /** Continue the session of this lab with this id (from an earlier `ready`) if it is still alive. */
  resumeId?: string;
  /**
   * With `resumeId`: how many bytes of the session's output this terminal already shows (the
   * offset it has reached). The runner then replays only what comes after. Omitted by a page that
   * starts with an empty terminal (a reload): the runner replays all it kept.
   */
  outputOffset?: number;
}

/** The terminal changed size. */
export interface ResizeMessage {
  t: typeof ClientMessageType.Resize;
  cols: number;
  rows: number;
}

/** The client's terminal has parsed this many more bytes of PTY output (flow control). */
export interface AckMessage {
  t: typeof ClientMessageType.Ack;
  bytes: number;
}

/**
 * Run a lab script outside the PTY. One at a time per session; each request ends with exactly one
 * `action-result` or one `error` carrying the same requestId.
 */
export interface ActionMessage {
  t: typeof ClientMessageType.Action;
  action: LabAction;
  requestId: string;
}

/** Ask for the environment probe again (answered with `probe-result`; cached for a few seconds). */
export interface ProbeMessage {
  t: typeof ClientMessageType.Probe;
}

export type ClientMessage = HelloMessage | ResizeMessage | AckMessage | ActionMessage | ProbeMessage | ProgressMessage;

// ---------------------------------------------------------------------------------------------
// Server → client

export const ServerMessageType = {
  Ready: 'ready', ActionStarted: 'action-started', ActionOutput: 'action-output', ActionResult: 'action-result',
  ProbeResult: 'probe-result', Error: 'error', Exit: 'exit',
} as const;
export type ServerMessageType = (typeof ServerMessageType)[keyof typeof ServerMessageType];

/** One thing a lab may need, as the runner found it. */
export const ProbeItemId = {
  Docker: 'docker', DockerDaemon: 'docker-daemon', Kind: 'kind', Kubectl: 'kubectl', Kubeconfig: 'kubeconfig', Cluster: 'cluster',
} as const;
export type ProbeItemId = (typeof ProbeItemId)[keyof typeof ProbeItemId];

export const ProbeState = {
  Ok: 'ok',
  Failed: 'failed',
  /** Not checked because something it depends on failed (no kubeconfig → no cluster call). */
  Skipped: 'skipped',
} as const;
export type ProbeState = (typeof ProbeState)[keyof typeof ProbeState];

export interface ProbeItem {
  id: ProbeItemId;
  state: ProbeState;
  /** Tool version or context name when known, e.g. `v1.32.4`. */
  detail?: string;
  /** Why it failed, as a stable code. */
  code?: ErrorCode;
  /** The same, translated into the session's locale. */
  message?: string;
  /** The command (or, where there is none, the page) that fixes it. */
  fix?: string;
}

export interface ProbeReport {
  /** When the probe ran, ms since the epoch (results are cached for a few seconds). */
  checkedAtMs: number;
  /** kubectl, the lab kubeconfig and the cluster are all fine: cluster labs can run. */
  clusterReady: boolean;
  items: ProbeItem[];
}

/** The session is running: the shell is spawned and PTY bytes follow as binary frames. */
export interface ReadyMessage {
  t: typeof ServerMessageType.Ready;
  protocol: number;
  /** Short id that names this session in the runner's log. */
  session: string;
  lab: string;
  /** LAB_NAMESPACE of this session. */
  namespace: string;
  requires: 'cluster' | 'local';
  probe: ProbeReport;
  /**
   * Limits that will end the session, so the widget can say so in advance. `resumeGraceMs`: how long
   * the shell waits for the page to reconnect after the socket drops.
   */
  limits: {idleTimeoutMs: number; absoluteTimeoutMs: number; resumeGraceMs: number};
  /** Send this back as `hello.resumeId` to continue this session after a reload or a lost connection. */
  resumeId: string;
  /** Whether this is a new session, the one asked for, or a new one because that had ended. */
  start: SessionStart;
  /**
   * The offset, in the session's output, of the first binary byte after this message. A client
   * whose own offset differs (it asked from elsewhere, or has nothing) resets its terminal before
   * writing; from here on it adds each binary frame's length to this number.
   */
  outputOffset: number;
}

export interface ActionStartedMessage {
  t: typeof ServerMessageType.ActionStarted;
  requestId: string;
  action: LabAction;
}

/** Output of a running lab script, decoded as UTF-8 on character boundaries. */
export interface ActionOutputMessage {
  t: typeof ServerMessageType.ActionOutput;
  requestId: string;
  stream: 'stdout' | 'stderr';
  data: string;
}

/**
 * Codes a task's check reports besides the lab's own failure codes. The page maps lab codes to
 * text through lab.yaml `failures`; these are generic.
 */
export const GenericCheckCode = {
  /** The check failed without printing an UPPER_SNAKE_CASE code on its first line. */
  Failed: 'CHECK_FAILED',
  /** The check (or its guard) ran past the lab's check timeout and was killed. */
  TimedOut: 'CHECK_TIMEOUT',
} as const;

export interface TaskResult {
  id: string;
  /** The check and its guard both exited 0. */
  pass: boolean;
  /** Failure code (first stdout line of the failing script), or null when the task passed or was blocked. */
  code: string | null;
  /** Not run because a task it `needs` has not passed. */
  blocked: boolean;
}

export interface ActionResultMessage {
  t: typeof ServerMessageType.ActionResult;
  requestId: string;
  action: LabAction;
  /** The script(s) exited 0. For `check`: every check ran (tasks say which passed). */
  ok: boolean;
  /** Exit code of the last script run, or null when it was killed. */
  exitCode: number | null;
  durationMs: number;
  /** Present for `check`: one entry per task, in lab order. */
  tasks?: TaskResult[];
  /** Why it did not succeed, when the runner knows (e.g. RUNNER_ERR_ACTION_TIMEOUT). */
  code?: ErrorCode;
  /** The same, translated. */
  message?: string;
}

export interface ProbeResultMessage {
  t: typeof ServerMessageType.ProbeResult;
  probe: ProbeReport;
}

/** Something went wrong. When `fatal` is true the runner closes the socket right after. */
export interface ErrorMessage {
  t: typeof ServerMessageType.Error;
  code: ErrorCode;
  /** Translated into the session's locale; the widget may translate `code` itself instead. */
  message: string;
  /** The command (or page) that fixes it, when there is one, e.g. `npm run cluster:up`. */
  fix?: string;
  /** Set when the error answers an `action` request. */
  requestId?: string;
  fatal: boolean;
}

/** The shell exited (the user typed `exit`, or it was killed); the socket closes with 1000 next. */
export interface ExitMessage {
  t: typeof ServerMessageType.Exit;
  exitCode: number;
  signal: number | null;
}

export type ServerMessage =
  | ReadyMessage | ActionStartedMessage | ActionOutputMessage | ActionResultMessage | ProbeResultMessage | ErrorMessage | ExitMessage;

// ---------------------------------------------------------------------------------------------
// Errors and close codes

/** Stable error codes: the widget translates them; the runner also sends its own translation. */
export const ErrorCode = {
  // Refused at the WebSocket upgrade (plain HTTP response, never a WebSocket).
  BadHost: 'RUNNER_ERR_BAD_HOST',
  BadOrigin: 'RUNNER_ERR_BAD_ORIGIN',
  BadToken: 'RUNNER_ERR_BAD_TOKEN',
  TokenInQuery: 'RUNNER_ERR_TOKEN_IN_QUERY',
  ProtocolVersion: 'RUNNER_ERR_PROTOCOL_VERSION',
  NotFound: 'RUNNER_ERR_NOT_FOUND',
  // Session-ending.
  BadMessage: 'RUNNER_ERR_BAD_MESSAGE',
  MessageTooBig: 'RUNNER_ERR_MESSAGE_TOO_BIG',
  UnknownLab: 'RUNNER_ERR_UNKNOWN_LAB',
  HelloTimeout: 'RUNNER_ERR_HELLO_TIMEOUT',
  IdleTimeout: 'RUNNER_ERR_IDLE_TIMEOUT',
  SessionExpired: 'RUNNER_ERR_SESSION_EXPIRED',
  TooManySessions: 'RUNNER_ERR_TOO_MANY_SESSIONS',
  SpawnFailed: 'RUNNER_ERR_SPAWN_FAILED',
  Shutdown: 'RUNNER_ERR_SHUTDOWN',
  /** Another page resumed this session; this socket is closed and must not reconnect by itself. */
  TakenOver: 'RUNNER_ERR_TAKEN_OVER',
  // Answers to one request; the session goes on.
  Busy: 'RUNNER_ERR_BUSY',
  ActionTimeout: 'RUNNER_ERR_ACTION_TIMEOUT',
  ActionFailed: 'RUNNER_ERR_ACTION_FAILED',
  // What the environment lacks (probe items, and why a cluster lab's action is refused).
  NoDocker: 'RUNNER_ERR_NO_DOCKER',
  DockerNotRunning: 'RUNNER_ERR_DOCKER_NOT_RUNNING',
  NoKind: 'RUNNER_ERR_NO_KIND',
  KindTooOld: 'RUNNER_ERR_KIND_TOO_OLD',
  NoKubectl: 'RUNNER_ERR_NO_KUBECTL',
  NoCluster: 'RUNNER_ERR_NO_CLUSTER',
  NotLabCluster: 'RUNNER_ERR_NOT_LAB_CLUSTER',
  ClusterUnreachable: 'RUNNER_ERR_CLUSTER_UNREACHABLE',
  // The lab context leads to a cluster cluster:up did not make, or nothing records which it made.
  ClusterNotRecorded: 'RUNNER_ERR_CLUSTER_NOT_RECORDED',
  ForeignCluster: 'RUNNER_ERR_FOREIGN_CLUSTER',
  /** Class mode: the learner's toolbox Pod is not running (yet); the trainer's `status` says why. */
  ToolboxNotReady: 'RUNNER_ERR_TOOLBOX_NOT_READY',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
const ERROR_CODES: readonly string[] = Object.values(ErrorCode);

/**
 * WebSocket close codes the runner sends: 1000 or a named 4000–4999 code. Never 1006, which RFC 6455
 * reserves for "closed without a close frame" (a browser reports it for a dead peer; it must not be sent).
 */
export const CloseCode = {
  /** The shell exited, or the client closed. */
  Normal: 1000,
  /**
   * A frame over the runner's maxPayload. The ws library itself closes with this RFC 6455 code
   * before the runner sees the frame, so it is the one non-4xxx code besides 1000.
   */
  MessageTooBig: 1009,
  /** A malformed first message, or a control message the runner cannot accept. */
  BadMessage: 4400,
  /** `hello` named a lab the runner does not have. */
  UnknownLab: 4404,
  /** No `hello` in time after connecting. */
  HelloTimeout: 4408,
  /** Another page (a second tab, or this one after a reconnect) resumed the session. */
  TakenOver: 4409,
  /** Too many open sessions on this runner. */
  TooManySessions: 4429,
  /** No input and no action for the idle timeout. */
  IdleTimeout: 4440,
  /** The session reached its absolute lifetime. */
  SessionExpired: 4441,
  /** The shell could not be started. */
  SpawnFailed: 4500,
  /** The runner is shutting down (Ctrl-C in its terminal). */
  Shutdown: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The close code that follows each session-ending error. */
export const ERROR_CLOSE_CODES: Partial<Record<ErrorCode, CloseCode>> = {
  [ErrorCode.BadMessage]: CloseCode.BadMessage, [ErrorCode.MessageTooBig]: CloseCode.MessageTooBig,
  [ErrorCode.UnknownLab]: CloseCode.UnknownLab, [ErrorCode.HelloTimeout]: CloseCode.HelloTimeout,
  [ErrorCode.IdleTimeout]: CloseCode.IdleTimeout, [ErrorCode.SessionExpired]: CloseCode.SessionExpired,
  [ErrorCode.TooManySessions]: CloseCode.TooManySessions, [ErrorCode.SpawnFailed]: CloseCode.SpawnFailed,
  [ErrorCode.Shutdown]: CloseCode.Shutdown, [ErrorCode.TakenOver]: CloseCode.TakenOver,
};

/** The HTTP status of each refusal at upgrade time (the browser sees only a failed connection). */
export const ERROR_HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadHost]: 403, [ErrorCode.BadOrigin]: 403, [ErrorCode.BadToken]: 401, [ErrorCode.TokenInQuery]: 401,
  [ErrorCode.ProtocolVersion]: 400, [ErrorCode.NotFound]: 404,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ERROR_CODES.includes(value);
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** Why a text frame was not accepted as a message. */
export type ParseFailure =
  /** Not JSON, not an object, or a known type with missing or wrong fields. */
  | {ok: false; kind: 'malformed'; reason: string}
  /** A well-formed object whose `t` this side does not know: log it and ignore it. */
  | {ok: false; kind: 'unknown-type'; type: string};
export type ParseResult<T> = {ok: true; message: T} | ParseFailure;

type Fields = Record<string, unknown>;

function malformed(reason: string): ParseFailure {
  return {ok: false, kind: 'malformed', reason};
}

function decodeObject(text: string): (Fields & {t: string}) | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const fields = value as Fields;
  if (typeof fields.t !== 'string' || fields.t.length === 0) return 'field "t" must be a non-empty string';
  return fields as Fields & {t: string};
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkSize(fields: Fields): string | null {
  if (!isIntegerIn(fields.cols, TerminalSize.MinCols, TerminalSize.MaxCols)) {
    return `field "cols" must be an integer from ${TerminalSize.MinCols} to ${TerminalSize.MaxCols}`;
  }
  if (!isIntegerIn(fields.rows, TerminalSize.MinRows, TerminalSize.MaxRows)) {
    return `field "rows" must be an integer from ${TerminalSize.MinRows} to ${TerminalSize.MaxRows}`;
  }
  return null;
}

/** Whether a string is a well-formed lab id (a kebab-case folder name, never a path). */
export function isLabId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LAB_ID_CHARS && LAB_ID_PATTERN.test(value);
}

/**
 * Parses and validates one client control message (a text frame). Pure: it never throws.
 * Unknown `t` values come back as `unknown-type` so the runner can ignore them, which lets a newer
 * widget talk to an older runner.
 */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  const fields = decodeObject(text);
  if (typeof fields === 'string') return malformed(fields);
  switch (fields.t) {
    case ClientMessageType.Hello: {
      if (!isLabId(fields.lab)) return malformed('field "lab" must be a lab id (kebab-case, no paths)');
      const size = checkSize(fields);
      if (size) return malformed(size);
      if (!(LOCALES as readonly unknown[]).includes(fields.locale)) return malformed(`field "locale" must be one of ${LOCALES.join(', ')}`);
      if (fields.resumeId !== undefined && (typeof fields.resumeId !== 'string' || !RESUME_ID_PATTERN.test(fields.resumeId))) {
        return malformed('field "resumeId" must be 32 lowercase hex characters');
      }
      if (fields.outputOffset !== undefined && !isIntegerIn(fields.outputOffset, 0, Number.MAX_SAFE_INTEGER)) {
        return malformed('field "outputOffset" must be a non-negative integer');
      }
      const hello: HelloMessage = {t: ClientMessageType.Hello, lab: fields.lab, cols: fields.cols as number, rows: fields.rows as number, locale: fields.locale as Locale};
      if (fields.resumeId !== undefined) hello.resumeId = fields.resumeId;
      if (fields.outputOffset !== undefined) hello.outputOffset = fields.outputOffset as number;
      return {ok: true, message: hello};
    }
    case ClientMessageType.Resize: {
      const size = checkSize(fields);
      if (size) return malformed(size);
      return {ok: true, message: {t: ClientMessageType.Resize, cols: fields.cols as number, rows: fields.rows as number}};
    }
    case ClientMessageType.Ack:
      if (!isIntegerIn(fields.bytes, 0, Number.MAX_SAFE_INTEGER)) return malformed('field "bytes" must be a non-negative integer');
      return {ok: true, message: {t: ClientMessageType.Ack, bytes: fields.bytes}};
    case ClientMessageType.Action:
      if (typeof fields.action !== 'string' || !LAB_ACTIONS.includes(fields.action)) {
        return malformed(`field "action" must be one of ${LAB_ACTIONS.join(', ')}`);
      }
      if (typeof fields.requestId !== 'string' || !REQUEST_ID_PATTERN.test(fields.requestId)) {
        return malformed('field "requestId" must be 1-64 characters of A-Z, a-z, 0-9, _ or -');
      }
      return {ok: true, message: {t: ClientMessageType.Action, action: fields.action as LabAction, requestId: fields.requestId}};
    case ClientMessageType.Probe:
      return {ok: true, message: {t: ClientMessageType.Probe}};
    default:
      return parseProgressMessage(fields) ?? {ok: false, kind: 'unknown-type', type: fields.t.slice(0, 64)};
  }
}

const SERVER_TYPES: readonly string[] = Object.values(ServerMessageType);
const SESSION_STARTS: readonly string[] = Object.values(SessionStart);

/**
 * Parses one server control message for the widget. It checks the envelope and the fields the
 * widget branches on; the runner is trusted for the rest of the shape.
 */
export function parseServerMessage(text: string): ParseResult<ServerMessage> {
  const fields = decodeObject(text);
  if (typeof fields === 'string') return malformed(fields);
  if (!SERVER_TYPES.includes(fields.t)) return {ok: false, kind: 'unknown-type', type: fields.t.slice(0, 64)};
  switch (fields.t) {
    case ServerMessageType.Error:
      if (!isErrorCode(fields.code)) return malformed('field "code" must be a RUNNER_ERR_* code');
      if (typeof fields.message !== 'string' || typeof fields.fatal !== 'boolean') return malformed('error needs "message" and "fatal"');
      break;
    case ServerMessageType.ActionStarted:
    case ServerMessageType.ActionOutput:
    case ServerMessageType.ActionResult:
      if (typeof fields.requestId !== 'string') return malformed('field "requestId" must be a string');
      break;
    case ServerMessageType.Ready:
      if (fields.protocol !== PROTOCOL_VERSION) return malformed(`field "protocol" must be ${PROTOCOL_VERSION}`);
      if (typeof fields.resumeId !== 'string' || !RESUME_ID_PATTERN.test(fields.resumeId)) return malformed('field "resumeId" must be a resume id');
      if (!SESSION_STARTS.includes(fields.start as string)) return malformed(`field "start" must be one of ${SESSION_STARTS.join(', ')}`);
      if (!isIntegerIn(fields.outputOffset, 0, Number.MAX_SAFE_INTEGER)) return malformed('field "outputOffset" must be a non-negative integer');
      break;
    case ServerMessageType.Exit:
      if (typeof fields.exitCode !== 'number') return malformed('field "exitCode" must be a number');
      break;
  }
  return {ok: true, message: fields as unknown as ServerMessage};
}

/**
 * The subprotocol list a client offers: the version first, then the token.
 * @param token The hex token from the printed link's fragment.
 */
export function clientSubprotocols(token: string): string[] {
  return [Subprotocol.Version, Subprotocol.TokenPrefix + token];
}

// =============================================================================================
// Class mode (DESIGN.md "Class mode"; PROTOCOL.md "Class mode"). Kept in one block: the widget's
// progress reports, which the runner of a class turns into the trainer's roster, and the roster
// socket itself. A local runner ignores the progress reports (nobody watches a reader's progress).

/** What the widget reports about a reader's use of a lab's help, beyond what the runner sees. */
export const ProgressMessageType = {
  /** The reader opened a hint: `hints` is how many of the task's hints are now open. */
  HintOpened: 'hint-opened',
  /** The reader opened the solution. */
  SolutionRevealed: 'solution-revealed',
} as const;
export type ProgressMessageType = (typeof ProgressMessageType)[keyof typeof ProgressMessageType];

export interface HintOpenedMessage {
  t: typeof ProgressMessageType.HintOpened;
  /** Task id (kebab-case, as in lab.yaml). */
  task: string;
  /** Hints of that task open now, 1 or more. */
  hints: number;
}

export interface SolutionRevealedMessage {
  t: typeof ProgressMessageType.SolutionRevealed;
}

export type ProgressMessage = HintOpenedMessage | SolutionRevealedMessage;

/** Most hints one task may have open, a sanity bound for the count a page reports. */
export const MAX_HINTS_PER_TASK = 20;

/**
 * Parses a progress report, or returns null when `fields.t` is not one (the caller then treats the
 * message as it did before).
 */
export function parseProgressMessage(fields: Record<string, unknown>): ParseResult<ProgressMessage> | null {
  switch (fields.t) {
    case ProgressMessageType.HintOpened:
      if (!isLabId(fields.task)) return malformed('field "task" must be a task id');
      if (!isIntegerIn(fields.hints, 1, MAX_HINTS_PER_TASK)) return malformed(`field "hints" must be an integer from 1 to ${MAX_HINTS_PER_TASK}`);
      return {ok: true, message: {t: ProgressMessageType.HintOpened, task: fields.task, hints: fields.hints}};
    case ProgressMessageType.SolutionRevealed:
      return {ok: true, message: {t: ProgressMessageType.SolutionRevealed}};
    default:
      return null;
  }
}

/** The trainer's live roster: a WebSocket at {@link ClassPath.Roster}, authorised by the trainer token. */
export const ClassPath = {Roster: '/class/roster'} as const;
/** Offered with `k8slab.token.<trainer token>` (the same token-as-subprotocol scheme). */
export const RosterSubprotocol = 'k8slab.roster.v1';

export const RosterMessageType = {
  /** The whole roster: sent once after the upgrade. */
  Snapshot: 'roster',
  /** One learner's progress in one lab changed. */
  Update: 'roster-update',
} as const;

/** One task of one learner's lab, as the runner last saw it. */
export interface RosterTask {
  id: string;
  /** The last check's verdict; null before any check. */
  pass: boolean | null;
  /** The failure code of the last failing check (lab.yaml `failures`), or null. */
  code: string | null;
  /** Hints of this task the learner has open. */
  hints: number;
}

/** One learner's progress in one lab. Keyed by learner, so it survives their reconnects. */
export interface RosterCell {
  learner: string;
  lab: string;
  /** Open shells of this learner in this lab right now. */
  connected: number;
  /** First successful setup (ms since the epoch), or null. */
  startedAtMs: number | null;
  /** First check where every task passed, or null. */
  finishedAtMs: number | null;
  /** Last activity (a message, an action), ms since the epoch. */
  lastSeenMs: number | null;
  checks: number;
  failedChecks: number;
  solutionRevealed: boolean;
  solutionApplied: boolean;
  tasks: RosterTask[];
}

/** A lab of the class, as the roster shows it. */
export interface RosterLab {
  id: string;
  title: Record<Locale, string>;
  tasks: {id: string; title: Record<Locale, string>}[];
}

export interface RosterSnapshotMessage {
  t: typeof RosterMessageType.Snapshot;
  name: string;
  expiresAtMs: number;
  labs: RosterLab[];
  learners: string[];
  cells: RosterCell[];
}

export interface RosterUpdateMessage {
  t: typeof RosterMessageType.Update;
  cell: RosterCell;
}

export type RosterMessage = RosterSnapshotMessage | RosterUpdateMessage;

/** Parses one roster message for the roster page; null for anything else. */
export function parseRosterMessage(text: string): RosterMessage | null {
  const fields = decodeObject(text);
  if (typeof fields === 'string') return null;
  if (fields.t === RosterMessageType.Snapshot && Array.isArray(fields.cells) && Array.isArray(fields.labs)) return fields as unknown as RosterSnapshotMessage;
  if (fields.t === RosterMessageType.Update && typeof fields.cell === 'object' && fields.cell !== null) return fields as unknown as RosterUpdateMessage;
  return null;
}

/** The subprotocols the roster page offers. */
export function rosterSubprotocols(token: string): string[] {
  return [RosterSubprotocol, Subprotocol.TokenPrefix + token];
}
// End of the class mode block.
// =============================================================================================
