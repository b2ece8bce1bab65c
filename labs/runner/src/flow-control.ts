/**
 * Byte-counted acknowledgement flow control for one session's PTY output (protocol.ts
 * `FlowControl`). The runner counts bytes sent and not yet acknowledged; above the high watermark
 * it pauses the PTY, so the shell blocks on a full kernel buffer instead of the runner buffering
 * without bound; acknowledgements bring the count back down and resume it below the low watermark.
 */
import {FlowControl} from './protocol.ts';

/** One pause or resume, with the numbers behind it (for the log; a type, so it is log fields as it is). */
export type FlowTransition = {
  /** What happened to the PTY. */
  change: 'pause' | 'resume';
  /** Unacknowledged bytes at the moment of the change. */
  unackedBytes: number;
  /** The watermark that was crossed. */
  watermarkBytes: number;
};

export interface FlowControllerOptions {
  /** Stops reading the PTY. */
  pause: () => void;
  /** Starts reading the PTY again. */
  resume: () => void;
  /** Called on each transition with the numbers, for the log. */
  onTransition?: (transition: FlowTransition) => void;
  highWatermarkBytes?: number;
  lowWatermarkBytes?: number;
}

/** Counts one session's unacknowledged output bytes and pauses or resumes its PTY. */
export class FlowController {
  private unacked = 0;
  private paused = false;
  private readonly high: number;
  private readonly low: number;

  constructor(private readonly options: FlowControllerOptions) {
    this.high = options.highWatermarkBytes ?? FlowControl.HighWatermarkBytes;
    this.low = options.lowWatermarkBytes ?? FlowControl.LowWatermarkBytes;
    if (this.low > this.high) throw new Error(`low watermark ${this.low} exceeds high watermark ${this.high}`);
  }

  /** Bytes sent and not yet acknowledged. */
  get unackedBytes(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Count bytes just sent to the client (PTY output and runner notes alike). */
  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.options.pause();
      this.options.onTransition?.({change: 'pause', unackedBytes: this.unacked, watermarkBytes: this.high});
    }
  }

  /**
   * A new socket took over (a resume): whatever the old client had not acknowledged is either
   * replayed, and counted again as it is sent, or already on that client's screen. The count
   * starts from zero, and a PTY paused for the old client reads again.
   */
  restart(): void {
    this.unacked = 0;
    if (this.paused) {
      this.paused = false;
      this.options.resume();
      this.options.onTransition?.({change: 'resume', unackedBytes: 0, watermarkBytes: this.low});
    }
  }

  /**
   * The client parsed this many more bytes. The count is clamped at zero: a client that acks more
   * than it got (a bug, or a reconnect) must not bank credit for later floods.
   */
  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.options.resume();
      this.options.onTransition?.({change: 'resume', unackedBytes: this.unacked, watermarkBytes: this.low});
    }
  }
}
