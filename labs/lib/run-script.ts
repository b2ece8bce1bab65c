/**
 * Runs one lab script (setup, a check, solution, cleanup) exactly as the runner does (it calls the
 * runner's runScript), with an explicit minimal environment (never the caller's own), and returns
 * its output whole.
 *
 * Used by `npm run labs:verify` (labs/verify.ts) and by the lab tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import {FAILURE_CODE} from './lab-schema';
import {runScript as runnerRunScript} from '../runner/src/lab-actions';
import {labNamespace} from '../runner/src/lab-catalog';
import {Limits} from '../runner/src/limits';

/** Kubernetes namespace names are DNS labels: at most 63 characters. */
export const MAX_NAMESPACE_CHARS = 63;

/**
 * Time between SIGTERM and SIGKILL to the script's process group after a timeout: the runner's
 * own value (Limits.actionKillGraceMs), so a script is ended here exactly as in the runner.
 */
export const KILL_GRACE_MS = Limits.actionKillGraceMs;

/** Output kept per stream, in characters; lab scripts print a few lines, so more is a runaway. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The namespace a lab runs in: the runner's rule (`lab-<id>`, cut to 63 characters). */
export {labNamespace};

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
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
};

/**
 * Runs a lab script through the runner's own runScript (its own session, killed whole on timeout
 * and when the script exits) and collects its output. Never rejects for a failing script: the
 * caller reads `code`, `timedOut` and the output.
 */
export async function runScript(options: RunScriptOptions): Promise<RunScriptResult> {
  const output = {stdout: '', stderr: ''};
  const result = await runnerRunScript({
    script: options.script,
    cwd: options.cwd ?? options.env.LAB_WORKDIR ?? process.cwd(),
    env: options.env,
    timeoutMs: options.timeoutMs,
    killGraceMs: KILL_GRACE_MS,
    onOutput: (stream, text) => {
      if (output[stream].length < MAX_OUTPUT_BYTES) output[stream] += text;
    },
  });
  return {code: result.exitCode, stdout: output.stdout, stderr: output.stderr, timedOut: result.timedOut, durationMs: result.durationMs};
}

/**
 * The failure code a check printed, or undefined when its stdout is anything but exactly one
 * code on one line (a check prints a code, never prose).
 */
export function failureCodeOf(stdout: string): string | undefined {
  const printed = stdout.trim();
  return FAILURE_CODE.test(printed) ? printed : undefined;
}
