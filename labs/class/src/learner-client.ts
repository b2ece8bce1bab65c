/**
 * A learner's browser, without the browser: connects to a class runner with a learner token the way
 * the lab widget does (subprotocols, Origin, flow-control acks), says hello, types into the shell
 * and runs lab actions. Used by the class CI job and by bench/class.
 */
import WebSocket from 'ws';
import {
  ClientMessageType, FlowControl, RunnerPath, ServerMessageType, clientSubprotocols, parseServerMessage,
  type LabAction, type ReadyMessage, type ServerMessage,
} from '../../runner/src/protocol';

export interface LearnerClientOptions {
  /** The runner's origin, e.g. https://127.0.0.1:7654. */
  runnerUrl: string;
  token: string;
  /** The site's origin (the runner allows only it). */
  origin: string;
  /** The runner's certificate (PEM), trusted for this connection only. */
  ca?: string;
  /** The Host header to send when the URL's host is not the runner's public name. */
  host?: string;
}

export class LearnerClient {
  readonly messages: ServerMessage[] = [];
  text = '';
  private pendingAck = 0;
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<{code: number; reason: string}>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({code, reason: reason.toString()})));
    ws.on('error', () => {});
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) {
        this.text += data.toString('utf8');
        this.pendingAck += data.length;
        if (this.pendingAck >= FlowControl.AckChunkBytes) {
          ws.send(JSON.stringify({t: ClientMessageType.Ack, bytes: this.pendingAck}));
          this.pendingAck = 0;
        }
      } else {
        const parsed = parseServerMessage(data.toString('utf8'));
        if (parsed.ok) this.messages.push(parsed.message);
      }
      for (const waiter of this.waiters) waiter();
    });
  }

  /** Opens the socket; rejects with the HTTP status and code when the runner refuses. */
  static connect(options: LearnerClientOptions): Promise<LearnerClient> {
    const url = `${options.runnerUrl.replace(/^http/, 'ws')}${RunnerPath.Socket}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, clientSubprotocols(options.token), {
        origin: options.origin,
        ...(options.ca ? {ca: options.ca} : {}),
        ...(options.host ? {headers: {Host: options.host}} : {}),
      });
      ws.once('open', () => resolve(new LearnerClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => reject(new Error(`refused: HTTP ${res.statusCode} ${body.trim()}`)));
      });
      ws.once('error', reject);
    });
  }

  /** Waits for a condition re-checked on every message, or fails naming it. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value) {
          this.waiters.delete(attempt);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Says hello and resolves with `ready`. */
  async hello(lab: string, timeoutMs = 60_000): Promise<ReadyMessage> {
    this.ws.send(JSON.stringify({t: ClientMessageType.Hello, lab, cols: 100, rows: 30, locale: 'en'}));
    return this.waitFor(() => this.messages.find((m): m is ReadyMessage => m.t === ServerMessageType.Ready), 'ready', timeoutMs);
  }

  /** Types a command and resolves with its output, up to a marker the command line's echo cannot contain. */
  async run(command: string, timeoutMs = 30_000): Promise<string> {
    const marker = `__done_${Math.random().toString(36).slice(2)}`;
    const from = this.text.length;
    this.ws.send(Buffer.from(`${command}; echo "${marker.slice(0, 4)}""${marker.slice(4)}"\r`));
    await this.waitFor(() => this.text.indexOf(marker, from) !== -1, `output of ${command}`, timeoutMs);
    const out = this.text.slice(from);
    return out.slice(0, out.indexOf(marker));
  }

  /** Runs a lab action and resolves with its result (or the error answering it). */
  async action(action: LabAction, timeoutMs = 300_000): Promise<ServerMessage> {
    const requestId = `${action}-${Math.random().toString(36).slice(2, 10)}`;
    this.ws.send(JSON.stringify({t: ClientMessageType.Action, action, requestId}));
    return this.waitFor(
      () => this.messages.find((m) => (m.t === ServerMessageType.ActionResult || m.t === ServerMessageType.Error) && 'requestId' in m && m.requestId === requestId),
      `the result of ${action}`, timeoutMs,
    );
  }

  close(): Promise<{code: number; reason: string}> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    return this.closed;
  }
}
