/**
 * Class mode's {@link SessionHost}: the learner's shell and lab scripts run in their toolbox Pod,
 * reached through the Kubernetes exec API with the learner's own token (pod-exec.ts).
 *
 * Exec has no signal API, so the toolbox image carries three small wrappers (labs/class/toolbox/bin)
 * that make a remote process something the runner can end:
 *
 *     lab-shell ID                  records bash's pid (with a TTY, bash leads its own session),
 *                                   then execs an interactive bash in the lab's working folder
 *     lab-run ID TIMEOUT GRACE SCRIPT  runs `bash SCRIPT` under coreutils `timeout` (its own
 *                                   process group: TERM on timeout, KILL GRACE seconds later),
 *                                   records the group, and kills what the script left behind
 *     lab-kill shell|run ID GRACE   HUP (shell) or KILL (run) to that session or group, KILL
 *                                   after GRACE seconds
 *
 * `timeout` runs in the Pod, so a script is bounded even when the runner or its connection dies;
 * the runner only reads the result (exit 124, or 137 after the KILL). Ending a session runs
 * lab-kill through a second exec, then closes the stream.
 *
 * Environment and paths are the Pod's own: the session describes a local run (paths on the
 * runner's machine); this host keeps only what is the session's (the terminal type and the lab
 * namespace) and fills in the rest from the toolbox layout. Nothing of the runner's environment
 * reaches the Pod.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import type {KubeConfig} from '@kubernetes/client-node';
import type {RunScriptOptions, ScriptResult} from './lab-actions.ts';
import type {LabEntry} from './lab-catalog.ts';
import type {Logger} from './log.ts';
import {PodProcess, type ExecExit} from './pod-exec.ts';
import type {ShellExit} from './pty.ts';
import type {SessionHost, ShellRequest, TerminalProcess} from './session-host.ts';

/** Where things are in the toolbox image and Pod (labs/class/src/toolbox.ts makes the same). */
export interface ToolboxLayout {
  /** Folder of lab-shell, lab-run, lab-kill. */
  bin: string;
  /** labs/scenarios inside the image. */
  scenarios: string;
  /** Writable home; each lab's working folder is `<home>/<lab id>`. */
  home: string;
  /** Folder of the per-lab kubeconfigs (`<lab id>.kubeconfig`). */
  kubeconfigs: string;
  /** Writable folder for the wrappers' pid files. */
  state: string;
  /** The rc file of the interactive shell. */
  bashrc: string;
}

export const TOOLBOX_LAYOUT: ToolboxLayout = {
  bin: '/opt/k8s-labs/bin',
  scenarios: '/opt/k8s-labs/labs/scenarios',
  home: '/home/learner',
  kubeconfigs: '/etc/k8s-labs/kubeconfig',
  state: '/tmp/k8s-labs',
  bashrc: '/opt/k8s-labs/bashrc',
};

/** `timeout`'s exit when it ended the command (TERM), and 128+9 when the KILL was needed. */
const TIMEOUT_EXIT_CODES = new Set([124, 137]);
/** After a script's own timeout and grace, wait this much longer for its exec to end. */
const EXEC_SLACK_MS = 15_000;
/** The longest first line kept from stdout (a failure code is far shorter). */
const FIRST_LINE_MAX_CHARS = 200;
/** How long a lab-kill exec may take beyond its grace before it is abandoned. */
const KILL_EXEC_SLACK_MS = 5_000;

export interface PodHostOptions {
  /** The learner's credentials: exec happens with their token and their RBAC. */
  kc: KubeConfig;
  /** The learner's home namespace, where the toolbox Pod runs. */
  namespace: string;
  pod: string;
  container: string;
  /** The lab of this session (its folder on the runner's machine maps to the image's). */
  entry: LabEntry;
  /** LAB_NAMESPACE of this learner and lab. */
  labNamespace: string;
  layout?: ToolboxLayout;
  log: Logger;
  /** Called once per API request this host makes (each exec is one); bench/class counts them. */
  onApiRequest?: () => void;
}

function seconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

/** `env -i K=V … command…`: the process gets exactly this environment. */
function withEnv(env: Record<string, string>, command: string[]): string[] {
  return ['env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...command];
}

/** The interactive shell in the Pod, as a {@link TerminalProcess}. */
class PodTerminal implements TerminalProcess {
  private exit: ShellExit | null = null;
  private readonly exitListeners: ((exit: ShellExit) => void)[] = [];
  private killing: Promise<void> | null = null;

  constructor(
    private readonly process: PodProcess,
    private readonly killShell: (graceMs: number) => Promise<void>,
  ) {
    process.on('exit', (exit: ExecExit) => {
      // A shell ended by the runner, or a lost stream, has no exit code of its own: 129 is what
      // bash reports after SIGHUP.
      this.exit = {exitCode: exit.exitCode ?? 129, signal: null};
      for (const listener of this.exitListeners.splice(0)) listener(this.exit);
    });
  }

  get hasExited(): boolean {
    return this.exit !== null;
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.process.on('data', (_stream, chunk) => listener(chunk));
  }

  onExit(listener: (exit: ShellExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.exitListeners.push(listener);
  }

  write(data: Buffer | string): void {
    this.process.write(data);
  }

  resize(cols: number, rows: number): void {
    this.process.resize(cols, rows);
  }

  pause(): void {
    this.process.pause();
  }

  resume(): void {
    this.process.resume();
  }

  kill(graceMs: number): Promise<void> {
    this.killing ??= (async () => {
      if (!this.exit) await this.killShell(graceMs);
      this.process.close();
      await Promise.race([this.process.wait(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    })();
    return this.killing;
  }
}

export class PodHost implements SessionHost {
  private readonly layout: ToolboxLayout;
  private readonly shells = new Set<PodTerminal>();
  private readonly runs = new Set<string>();
  private readonly idPrefix = crypto.randomBytes(4).toString('hex');
  private sequence = 0;

  constructor(private readonly options: PodHostOptions) {
    this.layout = options.layout ?? TOOLBOX_LAYOUT;
  }

  /** A fresh id for one shell or run (names its pid file in the Pod). */
  private nextId(kind: 'shell' | 'run'): string {
    this.sequence += 1;
    return `${kind}-${this.idPrefix}-${this.sequence}`;
  }

  private get labId(): string {
    return this.options.entry.lab.id;
  }

  /** The environment a process in the Pod gets, built from the toolbox layout. */
  podEnv(sessionEnv: Record<string, string>): Record<string, string> {
    const layout = this.layout;
    return {
      PATH: `${layout.bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: layout.home,
      TERM: sessionEnv.TERM ?? 'xterm-256color',
      LANG: 'C.UTF-8',
      KUBECONFIG: `${layout.kubeconfigs}/${this.labId}.kubeconfig`,
      LAB_ID: this.labId,
      LAB_NAMESPACE: this.options.labNamespace,
      LAB_DIR: `${layout.scenarios}/${this.labId}`,
      LAB_WORKDIR: `${layout.home}/${this.labId}`,
      K8S_LABS_STATE: layout.state,
      K8S_LABS_RC: layout.bashrc,
    };
  }

  /**
   * The path of a lab script inside the image, from its path on this machine.
   * @throws When the script is not inside this session's lab folder.
   */
  podScript(localScript: string): string {
    const relative = path.relative(this.options.entry.dir, localScript);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`script ${localScript} is outside the lab folder`);
    return `${this.layout.scenarios}/${this.labId}/${relative.split(path.sep).join('/')}`;
  }

  private exec(command: string[], tty: boolean, size?: {cols: number; rows: number}): Promise<PodProcess> {
    this.options.onApiRequest?.();
    return PodProcess.start(this.options.kc, {
      namespace: this.options.namespace, pod: this.options.pod, container: this.options.container,
      command, tty, stdin: tty, ...(size ? {cols: size.cols, rows: size.rows} : {}),
    });
  }

  /** Runs lab-kill and waits for it, bounded: a Pod that no longer answers must not hold up cleanup. */
  private async kill(kind: 'shell' | 'run', id: string, graceMs: number): Promise<void> {
    try {
      const killer = await this.exec(withEnv({PATH: `${this.layout.bin}:/usr/bin:/bin`, K8S_LABS_STATE: this.layout.state}, ['lab-kill', kind, id, seconds(graceMs)]), false);
      const done = await Promise.race([killer.wait(), new Promise<null>((resolve) => setTimeout(() => resolve(null), graceMs + KILL_EXEC_SLACK_MS).unref())]);
      if (done === null) {
        killer.close();
        this.options.log.warn('pod.kill-timeout', {kind, id});
      }
    } catch (error) {
      this.options.log.warn('pod.kill-failed', {kind, id, error});
    }
  }

  async spawnShell(request: ShellRequest): Promise<TerminalProcess> {
    const id = this.nextId('shell');
    const process = await this.exec(withEnv(this.podEnv(request.env), ['lab-shell', id]), true, {cols: request.cols, rows: request.rows});
    const shell = new PodTerminal(process, (graceMs) => this.kill('shell', id, graceMs));
    this.shells.add(shell);
    shell.onExit(() => this.shells.delete(shell));
    this.options.log.info('pod.shell', {pod: `${this.options.namespace}/${this.options.pod}`, id, protocol: process.protocol});
    return shell;
  }

  async runScript(options: RunScriptOptions): Promise<ScriptResult> {
    const started = Date.now();
    const id = this.nextId('run');
    const env = this.podEnv(options.env);
    const decoders = {stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8')};
    let firstLine = '';
    let firstLineDone = false;
    const forward = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
      const text = decoders[stream].write(chunk);
      if (stream === 'stdout' && !firstLineDone) {
        const newline = text.indexOf('\n');
        firstLine += newline === -1 ? text : text.slice(0, newline);
        if (newline !== -1 || firstLine.length > FIRST_LINE_MAX_CHARS) firstLineDone = true;
      }
      if (text.length > 0) options.onOutput(stream, text);
    };
    let process: PodProcess;
    try {
      const script = this.podScript(options.script);
      process = await this.exec(withEnv(env, ['lab-run', id, seconds(options.timeoutMs), seconds(options.killGraceMs), script]), false);
    } catch (error) {
      options.onOutput('stderr', `${(error as Error).message}\n`);
      return {exitCode: null, timedOut: false, firstLine: '', durationMs: Date.now() - started};
    }
    this.runs.add(id);
    process.on('data', forward);
    const onAbort = (): void => void this.kill('run', id, 0);
    options.signal?.addEventListener('abort', onAbort, {once: true});
    if (options.signal?.aborted) onAbort();
    // The Pod's own `timeout` bounds the script; this only covers a stream that never ends.
    const backstop = setTimeout(() => {
      void this.kill('run', id, 0).then(() => process.close());
    }, options.timeoutMs + options.killGraceMs + EXEC_SLACK_MS);
    const exit = await process.wait();
    clearTimeout(backstop);
    options.signal?.removeEventListener('abort', onAbort);
    this.runs.delete(id);
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (rest.length > 0) options.onOutput(stream, rest);
    }
    if (exit.exitCode === null && exit.message) options.onOutput('stderr', `${exit.message}\n`);
    const durationMs = Date.now() - started;
    const timedOut = exit.exitCode !== null && TIMEOUT_EXIT_CODES.has(exit.exitCode) && durationMs >= options.timeoutMs && !options.signal?.aborted;
    return {exitCode: exit.exitCode, timedOut, firstLine: firstLine.trim().slice(0, FIRST_LINE_MAX_CHARS), durationMs};
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.shells].map((shell) => shell.kill(0)));
    await Promise.all([...this.runs].map((id) => this.kill('run', id, 0)));
  }
}
