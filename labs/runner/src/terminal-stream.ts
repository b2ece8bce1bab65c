/**
 * The terminal direction of a session: PTY output to binary frames, under byte-counted flow
 * control, batched during bulk output, with the runner's own notes interleaved in order.
 */
import type {WebSocket} from 'ws';
import {FlowController} from './flow-control';
import {Limits} from './limits';
import type {Logger} from './log';
import {OutputBatcher} from './output-batcher';
import type {TerminalProcess} from './session-host';
import {sendNote, type NoteStyle} from './session-io';

export class TerminalStream {
  private flowing = false;
  private readonly output: OutputBatcher;
  private readonly flow: FlowController;

  /** Takes over the shell's output; nothing is forwarded before {@link TerminalStream.open}. */
  constructor(
    private readonly ws: WebSocket,
    private readonly shell: TerminalProcess,
    log: Logger,
  ) {
    const output = new OutputBatcher({
      send: (frame) => ws.send(frame),
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
      onTransition: (change) => log.debug(`flow.${change.change}`, {...change}),
    });
    // Paused until open(), so the client never sees PTY bytes before `ready`.
    shell.pause();
    shell.onData((chunk) => {
      if (!this.flowing) return;
      // Counted when taken, so a held batch counts toward the watermark like sent bytes.
      output.push(chunk);
      this.flow.sent(chunk.length);
    });
  }

  /** Starts forwarding PTY output (call after `ready` is sent). */
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
    this.flow.sent(sendNote(this.ws, text, style));
  }

  /** Sends whatever output is held (the shell exited: its last words go out before `exit`). */
  flush(): void {
    this.output.flush();
  }

  /** Stops forwarding for good: drops held output and stops reading the PTY. */
  close(): void {
    this.flowing = false;
    this.output.discard();
    this.shell.pause();
  }
}
