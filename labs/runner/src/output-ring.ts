/**
 * The last output of one session, kept so that a page coming back (a reload, a dropped connection)
 * gets its screen again. Every byte the terminal direction delivers is appended here, whether a
 * socket is attached or not, and has an absolute offset in the session's output stream: the
 * client says how far it has got and is sent only what follows.
 */

/** Bytes at the start of a replay searched for a line break to start on (see {@link OutputRing.cleanStart}). */
const LINE_START_SEARCH_BYTES = 4096;

export class OutputRing {
  private chunks: Buffer[] = [];
  private head = 0;
  private heldBytes = 0;
  private start = 0;
  private end = 0;

  /** @param capacityBytes The most recent bytes kept; older ones are dropped. */
  constructor(readonly capacityBytes: number) {
    if (!Number.isInteger(capacityBytes) || capacityBytes <= 0) throw new Error(`ring capacity must be a positive integer, got ${capacityBytes}`);
  }

  /** Offset of the oldest byte still kept. */
  get startOffset(): number {
    return this.start;
  }

  /** Offset just past the newest byte: the total output so far, in bytes. */
  get endOffset(): number {
    return this.end;
  }

  /** Appends output. The buffer is kept, not copied: callers hand over buffers they do not reuse. */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.end += chunk.length;
    if (chunk.length >= this.capacityBytes) {
      this.chunks = [chunk.subarray(chunk.length - this.capacityBytes)];
      this.head = 0;
      this.heldBytes = this.capacityBytes;
      this.start = this.end - this.capacityBytes;
      return;
    }
    this.chunks.push(chunk);
    this.heldBytes += chunk.length;
    while (this.heldBytes > this.capacityBytes) {
      const first = this.chunks[this.head]!;
      const excess = this.heldBytes - this.capacityBytes;
      if (first.length <= excess) {
        this.head += 1;
        this.heldBytes -= first.length;
        this.start += first.length;
      } else {
        this.chunks[this.head] = first.subarray(excess);
        this.heldBytes -= excess;
        this.start += excess;
      }
    }
    // Drop the consumed slots now and then, so the array does not grow with the session.
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** Whether the bytes from `offset` to the end are all still kept. */
  has(offset: number): boolean {
    return Number.isInteger(offset) && offset >= this.start && offset <= this.end;
  }

  /**
   * Where a replay to an empty terminal starts: the oldest byte kept, or, once older output has
   * been dropped, just after the first line break in the first few KiB, so the replay does not
   * begin inside an escape sequence or a UTF-8 character.
   */
  cleanStart(): number {
    if (this.start === 0) return 0;
    const head = this.read(this.start, LINE_START_SEARCH_BYTES);
    const newline = head.indexOf(0x0a);
    return newline === -1 ? this.start : this.start + newline + 1;
  }

  /**
   * The kept bytes from `offset` on, as one buffer.
   * @param maxBytes Stop after this many bytes.
   * @throws When `offset` is no longer (or not yet) kept; check with {@link OutputRing.has}.
   */
  read(offset: number, maxBytes = Number.POSITIVE_INFINITY): Buffer {
    if (!this.has(offset)) throw new Error(`offset ${offset} is outside the kept output ${this.start}..${this.end}`);
    const parts: Buffer[] = [];
    let position = this.start;
    let taken = 0;
    for (let i = this.head; i < this.chunks.length && taken < maxBytes; i += 1) {
      const chunk = this.chunks[i]!;
      const chunkEnd = position + chunk.length;
      if (chunkEnd > offset) {
        const from = Math.max(0, offset - position);
        const part = chunk.subarray(from, Math.min(chunk.length, from + (maxBytes - taken)));
        parts.push(part);
        taken += part.length;
      }
      position = chunkEnd;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, taken);
  }
}
