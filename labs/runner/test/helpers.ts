/**
 * Test helpers: a runner on an ephemeral loopback port, a real `ws` client that speaks the
 * protocol (and acks like xterm's write callback), and bounded polling instead of sleeps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import WebSocket from 'ws';
import {createToken} from '../src/auth';
import {Logger} from '../src/log';
import {listProcesses, type ProcessInfo} from '../src/process-group';
import {
  ClientMessageType, FlowControl, RunnerPath, ServerMessageType, clientSubprotocols, parseServerMessage,
  type ClientMessage, type LabAction, type Locale, type ReadyMessage, type ServerMessage,
} from '../src/protocol';
import {startRunner, type Runner, type RunnerOptions} from '../src/server';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const SCENARIOS = path.join(FIXTURES, 'scenarios');
export const ORIGIN = 'http://localhost:3000';

/**
 * Polls `check` every `intervalMs` until it returns a truthy value, or fails after `timeoutMs`
 * naming `what`. Generous bounds: a slow machine makes tests slower, never flaky.
 */
export async function waitUntil<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000, intervalMs = 10): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface TestRunner {
  runner: Runner;
  port: number;
  token: string;
  url: string;
  /** Every log line, parsed. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  /** Parent of session folders, removed by close(). */
  tmp: string;
  close(): Promise<void>;
}

/**
 * Starts a runner on port 0 with the fixture labs, no lab cluster, and a captured debug log. A
 * closed socket ends its session at once (resume grace 0) unless a test asks for a grace period.
 */
export async function startTestRunner(overrides: Partial<RunnerOptions> = {}): Promise<TestRunner> {
  const token = createToken();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-test-'));
  const rawLogs: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const log = Logger.create({level: 'debug', sink: (line) => {
    rawLogs.push(line);
    logs.push(JSON.parse(line) as Record<string, unknown>);
  }});
  const runner = await startRunner({
    port: 0, token, origins: [ORIGIN], labsDir: SCENARIOS, labContext: 'kind-k8s-labs',
    kubeconfigPath: path.join(tmp, 'no-such-kubeconfig'), tmpDir: tmp, resumeGraceMs: 0, log, ...overrides,
  });
  return {
    runner, port: runner.port, token, url: `ws://127.0.0.1:${runner.port}${RunnerPath.Socket}`, logs, rawLogs, tmp,
    async close() {
      await runner.close();
      fs.rmSync(tmp, {recursive: true, force: true});
    },
  };
}

export interface ConnectOptions {
  /** Origin header; null sends none. Default ORIGIN. */
  origin?: string | null;
  /** Host header override (DNS-rebinding tests). */
  host?: string;
  /** Subprotocols to offer; default version + the runner's token. */
  protocols?: string[];
  /** Path and query after the port; default /ws. */
  target?: string;
  acceptLanguage?: string;
  /** Ack every AckChunkBytes like the widget (default true). */
  autoAck?: boolean;
}

function wsOptions(tr: TestRunner, options: ConnectOptions): WebSocket.ClientOptions {
  const headers: Record<string, string> = {};
  if (options.host) headers.Host = options.host;
  if (options.acceptLanguage) headers['Accept-Language'] = options.acceptLanguage;
  return {...(options.origin === null ? {} : {origin: options.origin ?? ORIGIN}), headers, maxPayload: 64 * 1024 * 1024};
}

/** Tries to connect and resolves with the HTTP status of the refusal; rejects if it was accepted. */
export function connectRefused(tr: TestRunner, options: ConnectOptions = {}): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${tr.port}${options.target ?? RunnerPath.Socket}`, options.protocols ?? clientSubprotocols(tr.token), wsOptions(tr, options));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, body}));
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('connection was accepted'));
    });
    ws.on('error', () => {});
  });
}

export class TestClient {
  readonly messages: ServerMessage[] = [];
  /** Decoded terminal output (streaming UTF-8 decode, as xterm does). */
  text = '';
  bytesReceived = 0;
  autoAck: boolean;
  readonly closed: Promise<{code: number; reason: string}>;
  private pendingAckBytes = 0;
  private readonly decoder = new TextDecoder('utf-8');

  private constructor(readonly ws: WebSocket, autoAck: boolean) {
    this.autoAck = autoAck;
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({code, reason: reason.toString()})));
    ws.on('error', () => {});
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        this.bytesReceived += data.length;
        this.text += this.decoder.decode(data, {stream: true});
        this.pendingAckBytes += data.length;
        if (this.autoAck) this.flushAcks(FlowControl.AckChunkBytes);
        return;
      }
      const parsed = parseServerMessage(data.toString('utf8'));
      if (!parsed.ok) throw new Error(`bad server message: ${data.toString('utf8')}`);
      this.messages.push(parsed.message);
    });
  }

  /** Opens a session socket (resolves on open; rejects if refused). */
  static connect(tr: TestRunner, options: ConnectOptions = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${tr.port}${options.target ?? RunnerPath.Socket}`, options.protocols ?? clientSubprotocols(tr.token), wsOptions(tr, options));
      const client = new TestClient(ws, options.autoAck ?? true);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /**
   * Connects, says hello and waits for `ready`. With `resumeId` (and `outputOffset`, the bytes of
   * the session's output already seen) it asks to resume that session.
   */
  static async start(
    tr: TestRunner,
    lab = 'broken-file',
    options: ConnectOptions & {cols?: number; rows?: number; locale?: Locale; resumeId?: string; outputOffset?: number} = {},
  ): Promise<TestClient> {
    const client = await TestClient.connect(tr, options);
    client.send({
      t: ClientMessageType.Hello, lab, cols: options.cols ?? 80, rows: options.rows ?? 24, locale: options.locale ?? 'en',
      ...(options.resumeId ? {resumeId: options.resumeId} : {}), ...(options.outputOffset !== undefined ? {outputOffset: options.outputOffset} : {}),
    });
    await client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready');
    return client;
  }

  /** The `ready` this client got. */
  get ready(): ReadyMessage {
    const ready = this.messages.find((m): m is ReadyMessage => m.t === ServerMessageType.Ready);
    if (!ready) throw new Error('no ready yet');
    return ready;
  }

  /** The session output offset this client has reached: where `ready` started it, plus what came since. */
  get outputOffset(): number {
    return this.ready.outputOffset + this.bytesReceived;
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Types into the terminal (a binary frame, like xterm's onData). */
  input(text: string): void {
    this.ws.send(Buffer.from(text, 'utf8'));
  }

  /** Acks everything received but not yet acked, if at least `minBytes`. */
  flushAcks(minBytes = 1): void {
    if (this.pendingAckBytes >= minBytes && this.ws.readyState === WebSocket.OPEN) {
      this.send({t: ClientMessageType.Ack, bytes: this.pendingAckBytes});
      this.pendingAckBytes = 0;
    }
  }

  /** Runs a command and waits for a marker it prints (the echo of the command line does not match). */
  async run(command: string, timeoutMs = 10_000): Promise<string> {
    const marker = `__done_${Math.random().toString(36).slice(2)}`;
    const start = this.text.length;
    const [head, tail] = [marker.slice(0, 4), marker.slice(4)];
    this.input(`${command}; echo "${head}""${tail}"\r`);
    await this.waitForText(`${marker}`, timeoutMs, start);
    const out = this.text.slice(start);
    return out.slice(0, out.indexOf(marker));
  }

  waitForText(needle: string, timeoutMs = 10_000, from = 0): Promise<boolean> {
    return waitUntil(() => this.text.indexOf(needle, from) !== -1, `terminal text ${JSON.stringify(needle)}`, timeoutMs);
  }

  waitForMessage<T extends ServerMessage>(match: (m: ServerMessage) => m is T, what: string, timeoutMs?: number): Promise<T>;
  waitForMessage(match: (m: ServerMessage) => boolean, what: string, timeoutMs?: number): Promise<ServerMessage>;
  waitForMessage(match: (m: ServerMessage) => boolean, what: string, timeoutMs = 10_000): Promise<ServerMessage> {
    return waitUntil(() => this.messages.find(match), what, timeoutMs);
  }

  /** Sends an action and waits for its action-result (or error). */
  async action(action: LabAction, timeoutMs = 20_000): Promise<ServerMessage> {
    const requestId = `r${Math.random().toString(36).slice(2, 10)}`;
    this.send({t: ClientMessageType.Action, action, requestId});
    return this.waitForMessage(
      (m) => (m.t === ServerMessageType.ActionResult || m.t === ServerMessageType.Error) && m.requestId === requestId,
      `result of ${action}`, timeoutMs,
    );
  }

  close(): Promise<{code: number; reason: string}> {
    this.ws.close(1000);
    return this.closed;
  }
}

/**
 * Live processes anywhere whose environment has LAB_WORKDIR under `root`: catches orphans that were
 * reparented away from the runner (a `sleep 600 &` whose shell died), which a walk down from the
 * runner cannot see.
 */
export function labProcessesUnder(root: string): number[] {
  const found: number[] = [];
  for (const p of listProcesses()) {
    if (p.state === 'Z') continue;
    try {
      if (fs.readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').some((v) => v.startsWith(`LAB_WORKDIR=${root}`))) found.push(p.pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** The tsx loader's own esbuild service is a child of the test process, not of the runner. */
function isLoaderHelper(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('esbuild');
  } catch {
    return false;
  }
}

/** Live descendants of `pid` (children, grandchildren...), found by walking /proc. */
export function descendants(pid: number = process.pid): ProcessInfo[] {
  return allDescendants(pid).filter((p) => !isLoaderHelper(p.pid));
}

function allDescendants(pid: number): ProcessInfo[] {
  const all = listProcesses();
  const found: ProcessInfo[] = [];
  const parents = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}
