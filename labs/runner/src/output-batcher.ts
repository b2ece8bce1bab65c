/**
 * Coalesces bulk PTY output into fewer, larger WebSocket frames without delaying interactive output.
 *
 * A PTY read returns at most about 4 KiB, one read per event-loop turn, so `cat` of a big file
 * arrives as thousands of small chunks a second; sent one frame each, frames and the client's acks
 * cost more CPU than the bytes. A small chunk (an echoed keystroke, a prompt) is sent at once; a
 * large one (the producer is outpacing us) opens a batch that is sent after a short delay, when it
 * is big enough, or when flow control pauses.
 *
 * A small chunk that arrives while a batch is open joins it rather than ending it: during bulk
 * output the reads are of every size (`seq` gives 2.5–4 KiB reads with short ones between), and
 * sending at each short read made about twice the frames and acks per MB. What waits is at most
 * one batch delay, and only while output is already streaming.
 */

export interface OutputBatcherOptions {
  /** Sends one frame. */
  send: (frame: Buffer) => void;
  /** Chunks at least this big open a batch instead of going out at once. */
  bulkChunkBytes: number;
  /** A batch is sent at the latest this long after it opened. */
  batchDelayMs: number;
  /** A batch is sent as soon as it holds this many bytes. */
  maxBatchBytes: number;
}

/** One session's output batching; see the module comment for when a chunk waits. */
export class OutputBatcher {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: OutputBatcherOptions) {}

  /** Bytes held, not yet sent. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /** Takes one PTY chunk; sends it now or holds it in the open batch. */
  push(chunk: Buffer): void {
    if (this.pendingBytes === 0 && chunk.length < this.options.bulkChunkBytes) {
      this.options.send(chunk);
      return;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.options.maxBatchBytes) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.options.batchDelayMs);
  }

  /** Sends whatever is held, as one frame. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pendingBytes === 0) return;
    const frame = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.options.send(frame);
  }

  /** Drops whatever is held (the session is closing). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
