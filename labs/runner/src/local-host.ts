/**
 * Local mode's {@link SessionHost}: the shell is bash in a PTY on this machine (pty.ts), and lab
 * scripts run here as children in their own process groups (lab-actions.ts `runScript`).
 */
import {runScript, type RunScriptOptions, type ScriptResult} from './lab-actions.ts';
import type {Logger} from './log.ts';
import {Shell} from './pty.ts';
import type {SessionHost, ShellRequest, TerminalProcess} from './session-host.ts';

export interface LocalHostOptions {
  log: Logger;
  /** Milliseconds between SIGHUP and SIGKILL for a shell still alive at dispose. */
  shellKillGraceMs: number;
}

export class LocalHost implements SessionHost {
  private readonly shells = new Set<Shell>();

  constructor(private readonly options: LocalHostOptions) {}

  async spawnShell(request: ShellRequest): Promise<TerminalProcess> {
    const shell = Shell.spawn(request);
    this.shells.add(shell);
    shell.onExit(() => this.shells.delete(shell));
    // The pid is the shell's session and process-group id: what to look for when something lingers.
    this.options.log.info('shell.spawned', {pid: shell.pid});
    return shell;
  }

  runScript(options: RunScriptOptions): Promise<ScriptResult> {
    return runScript(options);
  }

  /** Ends any shell the session did not end itself (it normally has, through `kill`). */
  async dispose(): Promise<void> {
    await Promise.all([...this.shells].map((shell) => shell.kill(this.options.shellKillGraceMs)));
  }
}
