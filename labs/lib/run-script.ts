/**
 * Runs one lab script (setup, a check, solution, cleanup) the way the runner does: `bash <script>`
 * in its own process group, with an explicit minimal environment (never the caller's own) and a
 * timeout after which the whole group is killed, so a hung `kubectl wait` or a stray background
 * process never outlives its script.
 *
 * Used by `npm run labs:verify` (labs/verify.ts) and by the lab tests.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {FAILURE_CODE} from './lab-schema';

/** Kubernetes namespace names are DNS labels: at most 63 characters. */
export const MAX_NAMESPACE_CHARS = 63;

/** Time between SIGTERM and SIGKILL to the script's process group after a timeout. */
export const KILL_GRACE_MS = 2_000;

/** Output kept per stream; lab scripts print a few lines, so anything beyond this is a runaway. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The namespace a lab runs in when the runner does not hand it one: `lab-<id>`, cut to 63 chars. */
export function labNamespace(labId: string): string {
  return `lab-${labId}`.slice(0, MAX_NAMESPACE_CHARS).replace(/-+$/, '');
}

/**
 * PATH for lab scripts: the directory of the running node (checks call `node`), then the usual
 * system directories where bash, coreutils and kubectl live.
 */
export function minimalPath(): string {
  const dirs = [path.dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  return [...new Set(dirs)].join(':');
}

export type LabEnvOptions = {
  labId: string;
  /** Absolute path of labs/scenarios/<id>. */
  labDir: string;
  /** Absolute path of the lab's scratch folder (holds the reader's copy of manifests/). */
  workdir: string;
  /** Defaults to labNamespace(labId). */
  namespace?: string;
  /** Absolute path of the lab cluster's kubeconfig; omitted for local labs. */
  kubeconfig?: string;
  /** HOME for the script; defaults to the workdir, so nothing reads the caller's dotfiles. */
  home?: string;
};

/** The whole environment a lab script gets: nothing is inherited from the calling process. */
export function labEnv(options: LabEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: minimalPath(),
    HOME: options.home ?? options.workdir,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    LAB_ID: options.labId,
    LAB_DIR: options.labDir,
    LAB_WORKDIR: options.workdir,
    LAB_NAMESPACE: options.namespace ?? labNamespace(options.labId),
  };
  if (options.kubeconfig) env.KUBECONFIG = options.kubeconfig;
  return env;
}

/** Copies <labDir>/manifests to <workdir>/manifests, as the runner does before setup. */
export function copyManifests(labDir: string, workdir: string): void {
  const source = path.join(labDir, 'manifests');
  if (fs.existsSync(source)) fs.cpSync(source, path.join(workdir, 'manifests'), {recursive: true});
}

export type RunScriptOptions = {
  /** Absolute path of the .sh file; it is run as `bash <script>`, so it need not be executable. */
  script: string;
  env: Record<string, string>;
  /** Working directory; defaults to the env's LAB_WORKDIR. */
  cwd?: string;
  /** Hard limit for the whole script, in milliseconds. */
  timeoutMs: number;
};

export type RunScriptResult = {
  /** Exit status, or null when the script was ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
};

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs a lab script and resolves when it and its process group are done. Never rejects for a
 * failing script: the caller reads `code`, `timedOut` and the output.
 */
export function runScript(options: RunScriptOptions): Promise<RunScriptResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [options.script], {
      cwd: options.cwd ?? options.env.LAB_WORKDIR,
      env: options.env,
      detached: true, // its own process group, so a timeout can end every process it started
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < MAX_OUTPUT_BYTES) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < MAX_OUTPUT_BYTES) err.push(chunk);
      errBytes += chunk.length;
    });

    let timedOut = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      graceTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutMs);

    // When bash exits, whatever it left running in its group (a forgotten `&`) is ended too;
    // otherwise an open pipe would keep 'close' from ever firing.
    child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

/**
 * The failure code a check printed, or undefined when its stdout is anything but exactly one
 * code on one line (a check prints a code, never prose).
 */
export function failureCodeOf(stdout: string): string | undefined {
  const printed = stdout.trim();
  return FAILURE_CODE.test(printed) ? printed : undefined;
}
