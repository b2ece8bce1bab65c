/**
 * A bench client for each server: raw PTY bytes in binary frames; for the runner also the
 * protocol (token subprotocol, hello, acks in AckChunkBytes batches as the widget does from xterm's
 * write callback); for ttyd its one-byte command prefix on both directions. It keeps only a short
 * tail of the output, so the client costs little CPU.
 */
import WebSocket from 'ws';
import {ClientMessageType, FlowControl, RunnerPath, ServerMessageType, clientSubprotocols} from '../../labs/runner/src/protocol';

export type ServerKind = 'runner' | 'bare';
/** ttyd is measured only for echo, as the reference of the p50 budget (ttyd.ts). */
export type ClientKind = ServerKind | 'ttyd';
/** ttyd 1.7's message types (src/server.h): the first byte of every frame. */
const TTYD_INPUT = 0x30;
const TTYD_OUTPUT = 0x30;
const TAIL_CHARS = 512;

export class BenchClient {
  bytes = 0;
  errors: string[] = [];
  closeCode: number | null = null;
  private tail = '';
  private pendingAckBytes = 0;
  private needle: {text: string; resolve: () => void} | null = null;
  private nextFrame: (() => void) | null = null;

  /** The shell prompt (the runner's rc file prints the lab id; the bare pipe sets PS1). */
  readonly prompt: string;

  private constructor(readonly ws: WebSocket, readonly kind: ClientKind) {
    this.prompt = kind === 'runner' ? '[broken-file]' : `[${kind}]$ `;
    ws.on('message', (data: Buffer, isBinary) => {
      if (kind === 'ttyd') {
        // Window title and preferences come first; only output frames are terminal bytes.
        if (data[0] === TTYD_OUTPUT) this.onBytes(data.subarray(1));
      } else if (isBinary) this.onBytes(data);
      else this.onControl(data.toString('utf8'));
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
    ws.on('error', (error) => this.errors.push(error.message));
  }

  /** Connects and waits for the first prompt (after `ready` for the runner). */
  static async open(kind: ClientKind, port: number, token: string, timeoutMs = 20_000): Promise<BenchClient> {
    const url = kind === 'runner' ? `ws://127.0.0.1:${port}${RunnerPath.Socket}` : kind === 'ttyd' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}/`;
    const protocols = kind === 'runner' ? clientSubprotocols(token) : kind === 'ttyd' ? ['tty'] : [];
    const ws = new WebSocket(url, protocols, {origin: 'http://localhost:3000', perMessageDeflate: false});
    const client = new BenchClient(ws, kind);
    const prompt = client.waitFor(client.prompt, timeoutMs);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    if (kind === 'runner') ws.send(JSON.stringify({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: 'en'}));
    // ttyd starts the shell on this first message, as its web client sends it.
    if (kind === 'ttyd') ws.send(Buffer.from(JSON.stringify({AuthToken: '', columns: 80, rows: 24})));
    await prompt;
    return client;
  }

  private onControl(text: string): void {
    const message = JSON.parse(text) as {t: string; code?: string};
    if (message.t === ServerMessageType.Error) this.errors.push(String(message.code));
  }

  private onBytes(data: Buffer): void {
    this.bytes += data.length;
    if (this.kind === 'runner') {
      this.pendingAckBytes += data.length;
      if (this.pendingAckBytes >= FlowControl.AckChunkBytes) {
        this.ws.send(JSON.stringify({t: ClientMessageType.Ack, bytes: this.pendingAckBytes}));
        this.pendingAckBytes = 0;
      }
    }
    const frame = this.nextFrame;
    this.nextFrame = null;
    frame?.();
    if (this.needle) {
      // Only the end of a frame matters for markers; latin1 keeps multi-byte text cheap to scan.
      this.tail = (this.tail + data.toString('latin1', Math.max(0, data.length - TAIL_CHARS))).slice(-TAIL_CHARS);
      if (this.tail.includes(this.needle.text)) {
        const {resolve} = this.needle;
        this.needle = null;
        resolve();
      }
    }
  }

  /** Resolves when `text` appears in output arriving from now on. Call before sending its trigger. */
  waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    this.tail = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.kind}: no ${JSON.stringify(text)} within ${timeoutMs} ms`)), timeoutMs);
      this.needle = {text, resolve: () => {
        clearTimeout(timer);
        resolve();
      }};
    });
  }

  input(text: string): void {
    this.ws.send(this.frame(text));
  }

  /** One input frame: the text's bytes, after ttyd's command byte for ttyd. */
  private frame(text: string): Buffer {
    return this.kind === 'ttyd' ? Buffer.from(String.fromCharCode(TTYD_INPUT) + text, 'utf8') : Buffer.from(text, 'utf8');
  }

  /** Sends one keystroke and resolves with the milliseconds until the next output frame (its echo). */
  keystroke(key: string): Promise<number> {
    return new Promise((resolve) => {
      const started = process.hrtime.bigint();
      this.nextFrame = () => resolve(Number(process.hrtime.bigint() - started) / 1e6);
      this.ws.send(this.frame(key));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close(1000);
    });
  }
}
