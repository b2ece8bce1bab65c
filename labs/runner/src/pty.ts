/**
 * bash in a pseudo-terminal: spawn and kill, pause and resume, write and resize.
 *
 * node-pty forks the shell as the leader of a new session (setsid), so the shell and everything it
 * starts can be found and signalled as a unit when the session ends (process-group.ts).
 */
import fs from 'node:fs';
import * as nodePty from 'node-pty';
import {endSession, sessionLeader, type SessionLeader} from './process-group.ts';

/**
 * Inputs up to this size (keystrokes, short pastes) are written to the PTY at once from the event
 * loop. node-pty otherwise queues every write through fs.write on the thread pool, a thread hop on
 * the path of every echoed keystroke. A PTY master takes a few bytes without blocking; anything
 * it does not take goes through node-pty's queue as usual.
 */
const DIRECT_WRITE_MAX_BYTES = 1024;

/** The parts of node-pty's UnixTerminal the direct write relies on; absent elsewhere. */
interface UnixPtyInternals {
  fd?: number;
  _writeStream?: {_writeQueue?: unknown[]};
}

export interface ShellSpawnOptions {
  /** Working directory of the shell. */
  cwd: string;
  /** The complete environment; nothing of the runner's own is added. */
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** The generated rc file bash reads instead of ~/.bashrc. */
  rcFile: string;
  /** The shell binary (default `bash`, found on env.PATH). */
  shell?: string;
}

/** How the shell ended. */
export interface ShellExit {
  exitCode: number;
  /** Signal number that ended the shell, or null. */
  signal: number | null;
}

/** One bash in one PTY, for one session. */
export class Shell {
  private exited: ShellExit | null = null;
  private readonly exitWaiters: ((exit: ShellExit) => void)[] = [];
  private killing: Promise<void> | null = null;

  private readonly leader: SessionLeader;

  private constructor(private readonly pty: nodePty.IPty) {
    this.leader = sessionLeader(pty.pid);
    pty.onExit(({exitCode, signal}) => {
      this.exited = {exitCode, signal: signal ? signal : null};
      for (const waiter of this.exitWaiters.splice(0)) waiter(this.exited);
    });
  }

  /**
   * Starts `bash --noprofile --rcfile <rc> -i` in a PTY. Output is delivered as raw bytes (no
   * decoding: the runner forwards bytes, and the browser decodes UTF-8 across chunk boundaries).
   * @throws When the shell cannot be started (e.g. bash missing); the caller reports it.
   */
  static spawn(options: ShellSpawnOptions): Shell {
    const pty = nodePty.spawn(options.shell ?? 'bash', ['--noprofile', '--rcfile', options.rcFile, '-i'], {
      name: options.env.TERM ?? 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: options.env,
      encoding: null,
    });
    return new Shell(pty);
  }

  /** Process id of bash; also its session and process-group id. */
  get pid(): number {
    return this.pty.pid;
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  /** Called for every chunk the PTY produces, as raw bytes. */
  onData(listener: (chunk: Buffer) => void): void {
    // With `encoding: null` node-pty hands over Buffers; its typings still say string.
    this.pty.onData(listener as unknown as (data: string) => void);
  }

  /** Called once when bash has exited and been reaped. */
  onExit(listener: (exit: ShellExit) => void): void {
    if (this.exited) listener(this.exited);
    else this.exitWaiters.push(listener);
  }

  /** Writes input bytes to the PTY as they are (keystrokes, pastes, Ctrl-C), in order. */
  write(data: Buffer | string): void {
    if (this.exited) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const written = bytes.length <= DIRECT_WRITE_MAX_BYTES ? this.writeDirect(bytes) : 0;
    if (written < bytes.length) this.pty.write(written === 0 ? bytes : bytes.subarray(written));
  }

  /**
   * Writes to the PTY master without the thread pool, only when node-pty has nothing queued (so
   * order is kept). Returns the bytes written; 0 means "use node-pty's queue".
   */
  private writeDirect(bytes: Buffer): number {
    const internals = this.pty as unknown as UnixPtyInternals;
    const queue = internals._writeStream?._writeQueue;
    if (typeof internals.fd !== 'number' || !Array.isArray(queue) || queue.length > 0) return 0;
    try {
      return fs.writeSync(internals.fd, bytes);
    } catch {
      // EAGAIN (the PTY is full) or a closing PTY: node-pty's queue retries or reports it.
      return 0;
    }
  }

  /** Changes the terminal size; programs get SIGWINCH. Bounds are checked by the protocol parser. */
  resize(cols: number, rows: number): void {
    if (this.exited) return;
    try {
      this.pty.resize(cols, rows);
    } catch {
      // The PTY closed between the check and the call; nothing to resize.
    }
  }

  /** Stops reading PTY output; the shell blocks once the kernel buffer is full. */
  pause(): void {
    this.pty.pause();
  }

  /** Starts reading PTY output again. */
  resume(): void {
    if (!this.exited) this.pty.resume();
  }

  /**
   * Ends the shell and everything it started: SIGHUP to every process group of its session (what a
   * terminal hang-up does), SIGKILL after `graceMs` to whatever is left, then waits for bash to be
   * reaped. Safe to call more than once.
   * @param graceMs Milliseconds between SIGHUP and SIGKILL.
   */
  kill(graceMs: number): Promise<void> {
    this.killing ??= (async () => {
      await endSession(this.leader, 'SIGHUP', graceMs);
      if (!this.exited) {
        // node-pty reports exit only after its read side closes; that takes a tick or two after
        // the process is gone. Bound the wait so a stuck descriptor cannot hold up cleanup.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          this.onExit(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    })();
    return this.killing;
  }
}
