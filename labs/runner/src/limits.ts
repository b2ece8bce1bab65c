/**
 * Every number that bounds what a session may use or how long the runner waits, named, with why.
 * The ones marked "option" can be changed on the command line (see main.ts); the rest are fixed.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

/** The named limits; times in milliseconds, sizes in bytes. */
export const Limits = {
  /**
   * Option `--max-sessions`. Each session is a bash process plus, during actions, kubectl calls; a
   * laptop with a kind cluster stays responsive with a handful open. Eight covers several tabs.
   */
  maxSessions: 8,
  /**
   * Option `--idle-timeout` (seconds). No input and no action for this long ends the session, so a
   * forgotten tab does not keep a shell alive forever. Half an hour survives reading a long runbook.
   */
  idleTimeoutMs: 30 * MINUTE_MS,
  /**
   * Option `--absolute-timeout` (seconds). The longest a session may live, busy or not: a half-day
   * workshop. Bounds what a leaked or scripted session can cost.
   */
  absoluteTimeoutMs: 4 * 60 * MINUTE_MS,
  /**
   * Option `--resume-grace` (seconds; 0 ends a session as soon as its socket closes). After the
   * socket drops (a reload, a lost Wi-Fi, a laptop lid closed for a meeting) the shell is kept this
   * long for the page to come back and resume it. A reload takes a second and a network switch a
   * few; five minutes also covers a short walk, while tabs closed for good do not pile up shells.
   * The idle and absolute timeouts and --max-sessions still apply to a session that waits.
   */
  resumeGraceMs: 5 * MINUTE_MS,
  /**
   * The last output of each session kept for a resume, in bytes. It must hold more than the
   * flow-control high watermark plus one output batch: that is the most a session can have sent
   * that the client may not have (the PTY pauses there, socket or not), so a client that comes
   * back after a network drop loses nothing. After a reload it repaints the screen with the recent
   * scrollback: 256 KiB is a few thousand lines, a small cost per session.
   */
  outputRingBytes: 256 * 1024,
  /**
   * Control messages kept for a client that is away (action results, errors answering its
   * requests), at most. One action runs at a time, so a handful is all a session makes.
   */
  maxQueuedMessages: 16,
  /**
   * A cluster lab's session re-reads the lab kubeconfig this often while the file changes
   * (`lab-cluster-up` typed in its shell writes it): kubectl in the shell then finds the cluster
   * without a reload. It is a stat() of one file.
   */
  labKubeconfigPollMs: 2 * SECOND_MS,
  /**
   * Ping every connected socket this often; one without a pong since the last ping is terminated.
   * Well under the usual 30–60 s idle cut of proxies, and cheap on loopback.
   */
  heartbeatIntervalMs: 15 * SECOND_MS,
  /**
   * The largest WebSocket message accepted (ws `maxPayload`). A big paste is still one frame; a
   * runaway client cannot make the runner buffer more than this. ws closes with 1009 above it.
   */
  maxPayloadBytes: 1024 * 1024,
  /** The largest control (text) message; real ones are under 200 bytes. */
  maxControlMessageBytes: 16 * 1024,
  /** A connection that does not send `hello` this soon is closed: it holds a session slot. */
  helloTimeoutMs: 10 * SECOND_MS,
  /**
   * After SIGHUP to the shell's process groups, wait this long before SIGKILL. bash and most tools
   * exit at once on SIGHUP; this only lets a program that traps it save its state.
   */
  shellKillGraceMs: 2 * SECOND_MS,
  /**
   * After SIGTERM to a timed-out lab script's process group, wait this long before SIGKILL.
   * `kubectl` usually exits at once; a script may trap TERM to clean up.
   */
  actionKillGraceMs: 3 * SECOND_MS,
  /**
   * Output of one lab action forwarded to the client, at most. Beyond it the output is dropped (the
   * script keeps running): action output is not flow-controlled, so it must be bounded.
   */
  maxActionOutputBytes: 1024 * 1024,
  /**
   * A PTY chunk at least this big means output is arriving faster than it is read (a PTY read
   * returns at most about 4 KiB): it is batched. Smaller chunks (echo, prompts) go out at once.
   */
  outputBulkChunkBytes: 1024,
  /**
   * Longest a batch of bulk output is held before it is sent. Long enough that most batches leave
   * full (32 KiB: about 34 frames and acks per MB of `seq`, against about 70 at 1 ms), too short to
   * see: a screen refresh is 16 ms.
   */
  outputBatchDelayMs: 4,
  /**
   * A batch is sent once it holds this much. Well under the flow-control high watermark, so the
   * client can ack while the next batch fills and the PTY is rarely paused.
   */
  outputMaxBatchBytes: 32 * 1024,
  /** The environment probe is reused for this long: every new session and action asks for it. */
  probeCacheMs: 5 * SECOND_MS,
  /**
   * Each probe command (`docker info`, `kubectl get --raw /readyz`) is killed after this: a hung
   * Docker daemon or an unreachable API server must not hold up the terminal.
   */
  probeCommandTimeoutMs: 3 * SECOND_MS,
  /** On SIGINT/SIGTERM, wait at most this long for sessions to clean up before exiting anyway. */
  shutdownGraceMs: 5 * SECOND_MS,
} as const;

export type LimitName = keyof typeof Limits;
