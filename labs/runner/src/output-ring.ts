/**
 * The last output of one session, kept so that a page coming back (a reload, a dropped connection)
 * gets its screen again. Every byte the terminal direction delivers is appended here, whether a
 * socket is attached or not, and has an absolute offset in the session's output stream: the
 * client says how far it has got and is sent only what follows.
 *
 * The bytes are copied into one buffer of the ring's own, used circularly, instead of keeping the
 * frames handed in. A kept frame pins its whole backing store (a PTY read or a batch of them), and
 * frames that outlive a few scavenges are promoted and freed only by a major collection: after bulk
 * output that held the runner's resident set at twice the bare pipe's. One copy of a few KiB per
 * frame costs less than that. The buffer starts small and doubles up to the capacity, so an idle
 * session holds little.
 */

/** Bytes at the start of a replay searched for a line break to start on (see {@link OutputRing.cleanStart}). */
const LINE_START_SEARCH_BYTES = 4096;

/** The ring's first buffer: a few screens of a shell, enough for most sessions never to grow it. */
const INITIAL_BYTES = 16 * 1024;

export class OutputRing {
  private buffer: Buffer;
  private start = 0;
  private end = 0;

  /** @param capacityBytes The most recent bytes kept; older ones are dropped. */
  constructor(readonly capacityBytes: number) {
    if (!Number.isInteger(capacityBytes) || capacityBytes <= 0) throw new Error(`ring capacity must be a positive integer, got ${capacityBytes}`);
    this.buffer = Buffer.allocUnsafe(Math.min(capacityBytes, INITIAL_BYTES));
  }

  /** Offset of the oldest byte still kept. */
  get startOffset(): number {
    return this.start;
  }

  /** Offset just past the newest byte: the total output so far, in bytes. */
  get endOffset(): number {
    return this.end;
  }

  /** Appends output (copied: the caller may reuse `chunk`). */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const kept = Math.min(this.end - this.start + chunk.length, this.capacityBytes);
    if (kept > this.buffer.length) this.grow(kept);
    const tail = chunk.length > this.buffer.length ? chunk.subarray(chunk.length - this.buffer.length) : chunk;
    this.end += chunk.length;
    this.copyIn(tail, this.end - tail.length);
    this.start = Math.max(this.start, this.end - this.buffer.length);
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
   * A copy of the kept bytes from `offset` on.
   * @param maxBytes Stop after this many bytes.
   * @throws When `offset` is no longer (or not yet) kept; check with {@link OutputRing.has}.
   */
  read(offset: number, maxBytes = Number.POSITIVE_INFINITY): Buffer {
    if (!this.has(offset)) throw new Error(`offset ${offset} is outside the kept output ${this.start}..${this.end}`);
    const out = Buffer.allocUnsafe(Math.min(this.end - offset, maxBytes));
    this.copyOut(out, offset);
    return out;
  }

  /** A bigger buffer holding at least `bytes`, the kept output moved into it. */
  private grow(bytes: number): void {
    let size = this.buffer.length;
    while (size < bytes) size *= 2;
    const kept = this.read(this.start);
    this.buffer = Buffer.allocUnsafe(Math.min(size, this.capacityBytes));
    this.copyIn(kept, this.start);
  }

  /** Writes `bytes` at the place of stream offset `offset` (bytes.length <= buffer length). */
  private copyIn(bytes: Buffer, offset: number): void {
    const at = offset % this.buffer.length;
    const first = bytes.copy(this.buffer, at);
    if (first < bytes.length) bytes.copy(this.buffer, 0, first);
  }

  /** Fills `out` from the place of stream offset `offset`. */
  private copyOut(out: Buffer, offset: number): void {
    const at = offset % this.buffer.length;
    const first = this.buffer.copy(out, 0, at, Math.min(this.buffer.length, at + out.length));
    if (first < out.length) this.buffer.copy(out, first, 0, out.length - first);
  }
}
