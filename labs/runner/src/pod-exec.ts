/**
 * One process in a Pod through the Kubernetes exec API, as a stream of bytes both ways.
 *
 * The exec request itself is @kubernetes/client-node's `Exec` (query string, stdin wiring, the
 * status on channel 3); resizes are sent here, on channel 4. It is handed a socket of our own ({@link ChannelSocket}),
 * because the default one (1.4) writes a stdout close frame to the runner's own process.stdout,
 * throws on channels it does not know, and cannot pause. Ours offers exactly the two
 * subprotocols the runner speaks, newest first, and the API server picks one:
 *
 *     v5.channel.k8s.io   Kubernetes ≥ 1.30: adds channel 255, "close this stream"
 *     v4.channel.k8s.io   older servers: the status arrives as JSON on channel 3
 *
 * Every binary message is one channel byte and the payload: 0 stdin, 1 stdout, 2 stderr,
 * 3 status (a metav1.Status), 4 resize (JSON {"Width","Height"}), 255 close (v5; its payload is the
 * channel it closes). Flow control pauses the socket itself: the API server's send window fills,
 * the kubelet stops reading, and the process blocks on a full pipe, as a local PTY would.
 */
import {PassThrough, Writable} from 'node:stream';
import {EventEmitter} from 'node:events';
import {Exec, type KubeConfig, type V1Status} from '@kubernetes/client-node';
import WebSocket from 'ws';

/** The subprotocols offered, in order of preference. */
export const EXEC_SUBPROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** How long a closing exec stream may take to finish the WebSocket close handshake. */
const CLOSE_HANDSHAKE_MS = 2000;

/** Channel numbers of the exec protocol. */
export const ExecChannel = {Stdin: 0, Stdout: 1, Stderr: 2, Status: 3, Resize: 4, Close: 255} as const;

/** How the remote process ended. */
export interface ExecExit {
  /** The exit code, or null when the server sent no status (the connection was lost). */
  exitCode: number | null;
  /** The Status message for failures that are not an exit code (e.g. container not found). */
  message?: string;
}

/** Reads the exit code out of the status on channel 3: Success, or NonZeroExitCode with the code as a cause. */
export function exitFromStatus(status: V1Status): ExecExit {
  if (status.status === 'Success') return {exitCode: 0};
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined ? Number.parseInt(cause.message, 10) : Number.NaN;
  if (status.reason === 'NonZeroExitCode' && Number.isInteger(code)) return {exitCode: code};
  return {exitCode: null, message: status.message ?? status.reason ?? 'exec failed'};
}

/** Why an exec could not start, with the HTTP status when the API server answered. */
export class ExecRefused extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ExecRefused';
  }
}

/**
 * The socket `Exec` talks through: connects with the learner's credentials (KubeConfig decides
 * TLS and the bearer token), negotiates v5 or v4, and delivers each channel's payload.
 */
export class ChannelSocket {
  socket: WebSocket | null = null;
  /** Called for a close frame (v5): the server will send nothing more on that channel. */
  onClose: ((channel: number) => void) | null = null;

  constructor(private readonly kc: KubeConfig) {}

  async connect(
    path: string,
    _textHandler: ((text: string) => boolean) | null,
    binaryHandler: ((stream: number, buff: Buffer) => boolean) | null,
  ): Promise<WebSocket> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new ExecRefused('no cluster in the learner kubeconfig');
    const url = `${cluster.server.replace(/^http/, 'ws').replace(/\/+$/, '')}${path}`;
    const options: WebSocket.ClientOptions = {perMessageDeflate: false};
    await this.kc.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, [...EXEC_SUBPROTOCOLS], options);
      this.socket = socket;
      let opened = false;
      socket.binaryType = 'nodebuffer';
      socket.on('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 4096) body += chunk;
        });
        res.on('end', () => {
          let message = body.trim();
          try {
            message = (JSON.parse(body) as {message?: string}).message ?? message;
          } catch {
            // Not a Status object; the raw body says enough.
          }
          reject(new ExecRefused(`exec refused with HTTP ${res.statusCode}: ${message.slice(0, 300)}`, res.statusCode));
        });
        res.on('error', () => reject(new ExecRefused(`exec refused with HTTP ${res.statusCode}`, res.statusCode)));
      });
      socket.on('open', () => {
        opened = true;
        resolve(socket);
      });
      socket.on('error', (error) => {
        if (!opened) reject(error instanceof ExecRefused ? error : new ExecRefused(`exec connection failed: ${error.message}`));
      });
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary || data.length < 1) return;
        const channel = data.readUInt8(0);
        if (channel === ExecChannel.Close) {
          if (data.length > 1) this.onClose?.(data.readUInt8(1));
          return;
        }
        if (channel !== ExecChannel.Stdout && channel !== ExecChannel.Stderr && channel !== ExecChannel.Status) return;
        if (binaryHandler && !binaryHandler(channel, data.subarray(1))) socket.close(1000);
      });
    });
  }
}

/** A writable that hands every chunk to a listener (and looks resizable to Exec when it is a TTY). */
class Sink extends Writable {
  constructor(private readonly listener: (chunk: Buffer) => void) {
    super({decodeStrings: true});
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.listener(chunk);
    callback();
  }
}

/** One resize message: channel 4, then the size as the API server's TerminalSize JSON. */
export function resizeFrame(cols: number, rows: number): Buffer {
  return Buffer.concat([Buffer.from([ExecChannel.Resize]), Buffer.from(JSON.stringify({Width: cols, Height: rows}))]);
}

export interface ExecOptions {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** Allocate a TTY (the interactive shell); stdout and stderr are then one stream. */
  tty: boolean;
  /** Open stdin (the interactive shell); scripts get none. */
  stdin: boolean;
  cols?: number;
  rows?: number;
}

/** A running exec: output events, input, resize, pause/resume, and how it ended. */
export class PodProcess extends EventEmitter<{data: [stream: 'stdout' | 'stderr', chunk: Buffer]; exit: [exit: ExecExit]}> {
  private exited: ExecExit | null = null;
  private status: V1Status | null = null;

  private constructor(
    private readonly socket: WebSocket,
    private readonly stdin: PassThrough | null,
    private readonly tty: boolean,
    /** The subprotocol the API server chose. */
    readonly protocol: string,
  ) {
    super();
  }

  /**
   * Starts a process in a Pod and resolves once the exec stream is open.
   * @throws ExecRefused when the API server refuses (403 for RBAC, 404 for no such Pod) or cannot be reached.
   */
  static async start(kc: KubeConfig, options: ExecOptions): Promise<PodProcess> {
    const transport = new ChannelSocket(kc);
    let process: PodProcess | null = null;
    const early: {stream: 'stdout' | 'stderr'; chunk: Buffer}[] = [];
    const deliver = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (process) process.emit('data', stream, chunk);
      else early.push({stream, chunk});
    };
    // A plain stdout: Exec would drive resizes from a TTY-like stream's events; this class sends them itself.
    const stdout = new Sink(deliver('stdout'));
    const stderr = options.tty ? null : new Sink(deliver('stderr'));
    const stdin = options.stdin ? new PassThrough() : null;
    let status: V1Status | null = null;
    const exec = new Exec(kc, transport);
    const socket = await exec.exec(options.namespace, options.pod, options.container, options.command, stdout, stderr, stdin, options.tty, (s) => {
      status = s;
      if (process) process.status = s;
    });
    process = new PodProcess(socket, stdin, options.tty, socket.protocol);
    if (options.tty) process.resize(options.cols ?? 80, options.rows ?? 24);
    process.status = status;
    transport.onClose = (channel) => {
      if (channel === ExecChannel.Stdout) stdout.end();
    };
    for (const {stream, chunk} of early) process.emit('data', stream, chunk);
    const finish = (): void => process!.finish();
    if (socket.readyState === WebSocket.CLOSED) queueMicrotask(finish);
    else socket.on('close', finish);
    return process;
  }

  private finish(): void {
    if (this.exited) return;
    this.exited = this.status ? exitFromStatus(this.status) : {exitCode: null, message: 'the exec connection closed without a status'};
    this.stdin?.destroy();
    this.emit('exit', this.exited);
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  /** Resolves with the exit, at once if it is known. */
  wait(): Promise<ExecExit> {
    if (this.exited) return Promise.resolve(this.exited);
    return new Promise((resolve) => this.once('exit', resolve));
  }

  write(data: Buffer | string): void {
    if (this.exited || !this.stdin) return;
    this.stdin.write(data);
  }

  /** Sends the new size on the resize channel (TTY only). */
  resize(cols: number, rows: number): void {
    if (this.exited || !this.tty || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(resizeFrame(cols, rows));
  }

  /** Stops reading the exec stream: the remote process blocks once the buffers between are full. */
  pause(): void {
    if (!this.exited) this.socket.pause();
  }

  resume(): void {
    if (!this.exited) this.socket.resume();
  }

  /**
   * Closes the exec stream. The API server then ends the stream to the kubelet; whether the
   * container runtime signals the process is up to it, so callers end the process first.
   */
  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
    // ws waits 30 s for the peer to finish the close handshake; a stream we are done with need not.
    if (this.socket.readyState !== WebSocket.CLOSED) setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_MS).unref();
  }
}
