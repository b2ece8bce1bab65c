/**
 * Where a session's shell and its lab actions run: the one seam between local mode (a PTY and
 * bash on this machine) and class mode (a process in the learner's toolbox Pod, reached through
 * the Kubernetes exec API). Protocol, flow control, limits, progress and messages stay in Session,
 * the same for both; only what is behind these two interfaces differs.
 */
import type {RunScriptOptions, ScriptResult} from './lab-actions.ts';
import type {ShellExit} from './pty.ts';

/** A running interactive shell: raw bytes both ways, with pause/resume for flow control. */
export interface TerminalProcess {
  /** Called for every chunk of output, as raw bytes. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Called once when the shell has ended (and, locally, been reaped). */
  onExit(listener: (exit: ShellExit) => void): void;
  readonly hasExited: boolean;
  /** Writes input bytes as they are, in order. */
  write(data: Buffer | string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading output; the producer blocks once its buffers are full. */
  pause(): void;
  resume(): void;
  /**
   * Ends the shell and everything it started; safe to call more than once.
   * @param graceMs Milliseconds between the polite signal and the forced one.
   */
  kill(graceMs: number): Promise<void>;
}

export interface ShellRequest {
  /** Working directory of the shell (a path where the shell runs). */
  cwd: string;
  /** The complete environment; nothing of the runner's own is added. */
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** The rc file bash reads instead of ~/.bashrc. */
  rcFile: string;
}

/** The place a session runs in. One per session; `dispose` releases what it holds. */
export interface SessionHost {
  /** Starts the interactive shell. @throws When it cannot be started; the session reports it. */
  spawnShell(request: ShellRequest): Promise<TerminalProcess>;
  /** Runs one lab script (setup, check, solution, cleanup) and resolves when it has ended. */
  runScript(options: RunScriptOptions): Promise<ScriptResult>;
  dispose(): Promise<void>;
}
