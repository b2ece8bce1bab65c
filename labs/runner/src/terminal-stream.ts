/**
 * The terminal direction of a session: shell output to binary frames, under byte-counted flow
 * control, batched during bulk output, with the runner's own notes interleaved in order.
 *
 * Every byte delivered also goes into the session's output ring, with its offset in the session's
 * output, socket or not. A socket can drop and a new one attach: it is sent what it lacks from the
 * ring, and flow control starts over with it. While no socket is attached the count of
 * unacknowledged bytes keeps growing, so the shell pauses at the high watermark; the ring holds
 * more than that, so nothing produced while the reader was away is lost.
 */
import {WebSocket} from 'ws';
import {FlowController} from './flow-control.ts';
import {Limits} from './limits.ts';
import type {Logger} from './log.ts';
import {OutputBatcher} from './output-batcher.ts';
import {sendOutputFrame} from './output-frames.ts';
import {OutputRing} from './output-ring.ts';
import type {TerminalProcess} from './session-host.ts';
import {noteBytes, type NoteStyle} from './session-io.ts';

/** What a resume replays, for the log. */
export interface Replay {
  fromOffset: number;
  bytes: number;
}

export class TerminalStream {
  private flowing = false;
  private socket: WebSocket | null = null;
  private readonly output: OutputBatcher;
  private readonly flow: FlowController;
  private readonly ring = new OutputRing(Limits.outputRingBytes);

  /** Takes over the shell's output; nothing is forwarded before {@link TerminalStream.open}. */
  constructor(
    private readonly shell: TerminalProcess,
    log: Logger,
  ) {
    const output = new OutputBatcher({
      send: (frame) => this.deliver(frame),
      bulkChunkBytes: Limits.outputBulkChunkBytes,
      batchDelayMs: Limits.outputBatchDelayMs,
      maxBatchBytes: Limits.outputMaxBatchBytes,
    });
    this.output = output;
    this.flow = new FlowController({
      pause: () => {
        shell.pause();
        // The client can only ack what it has: never hold a batch while waiting for acks.
        output.flush();
      },
      resume: () => shell.resume(),
      // Passed as it is: a copy made per transition, logged or not, is garbage on the output path.
      onTransition: (change) => log.debug(`flow.${change.change}`, change),
    });
    // Paused until open(), so the client never sees shell bytes before `ready`.
    shell.pause();
    shell.onData((chunk) => {
      if (!this.flowing) return;
      // Counted when taken, so a held batch counts toward the watermark like sent bytes.
      output.push(chunk);
      this.flow.sent(chunk.length);
    });
  }

  /**
   * Where a resuming client's output continues: at `clientOffset` when everything after it is
   * still kept, else (nothing known, or too much missed) at the start of what is kept, for a
   * client that resets its terminal first. Held output is delivered first, so the answer stays
   * true until {@link TerminalStream.attach}.
   */
  resumeOffset(clientOffset: number | undefined): number {
    this.output.flush();
    if (clientOffset !== undefined && this.ring.has(clientOffset)) return clientOffset;
    return this.ring.cleanStart();
  }

  /**
   * Makes `socket` the one output goes to, sends it the kept output from `fromOffset` (from
   * {@link TerminalStream.resumeOffset}, after `ready`), and starts flow control over for it.
   */
  attach(socket: WebSocket, fromOffset: number): Replay {
    this.output.flush();
    this.socket = socket;
    this.flow.restart();
    const replay = fromOffset < this.ring.endOffset ? this.ring.read(fromOffset) : Buffer.alloc(0);
    for (let at = 0; at < replay.length; at += Limits.outputMaxBatchBytes) {
      const frame = replay.subarray(at, at + Limits.outputMaxBatchBytes);
      this.send(frame);
      // The new client acks the replay like any output, so a big one pauses the shell until it has.
      this.flow.sent(frame.length);
    }
    return {fromOffset, bytes: replay.length};
  }

  /** The socket is gone: output goes on into the ring until flow control pauses the shell. */
  detach(): void {
    this.output.flush();
    this.socket = null;
  }

  /** Starts forwarding shell output (call after `ready` is sent and a socket is attached). */
  open(): void {
    this.flowing = true;
    if (!this.flow.isPaused) this.shell.resume();
  }

  /** The client parsed this many more bytes. */
  acked(bytes: number): void {
    this.flow.acked(bytes);
  }

  /** Writes one line of runner text into the terminal, after any output already taken. */
  note(text: string, style: NoteStyle): void {
    this.output.flush();
    const bytes = noteBytes(text, style);
    this.deliver(bytes);
    this.flow.sent(bytes.length);
  }

  /** Sends whatever output is held (the shell exited: its last words go out before `exit`). */
  flush(): void {
    this.output.flush();
  }

  /** Stops forwarding for good: drops held output and stops reading the shell. */
  close(): void {
    this.flowing = false;
    this.output.discard();
    this.shell.pause();
    this.socket = null;
  }

  private deliver(frame: Buffer): void {
    this.ring.append(frame);
    this.send(frame);
  }

  private send(frame: Buffer): void {
    if (this.socket?.readyState === WebSocket.OPEN) sendOutputFrame(this.socket, frame);
  }
}
