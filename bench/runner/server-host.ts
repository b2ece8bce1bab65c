/**
 * A child process hosting one server under test (`runner` or `bare`), so the bench can read that
 * server's own CPU time and memory (process.cpuUsage / memoryUsage) apart from the client's.
 * Talks to the parent over IPC: it announces its port, then answers usage and pty-rate requests.
 *
 * Compiled to plain JavaScript before it runs (build.ts). The runner is imported from its compiled
 * modules, named in BENCH_RUNNER_SERVER and BENCH_RUNNER_LOG; the bare pipe loads nothing of it.
 */
import fs from 'node:fs';
import {Session as InspectorSession} from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import * as nodePty from 'node-pty';
import {startBareServer} from './bare-server';
import {benchShellEnv} from './shell-env';
import type {HostReply, HostRequest} from './ipc';

const mode = process.argv[2];

function reply(message: HostReply): void {
  process.send?.(message);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`server-host: ${name} is not set`);
  return value;
}

/**
 * @param collectGarbage Collect first, so a memory figure is what sessions hold rather than what
 * awaits collection (not for CPU figures: the collection itself would be counted).
 */
function usage(collectGarbage: boolean): HostReply {
  if (collectGarbage) (globalThis as {gc?: () => void}).gc?.();
  const cpu = process.cpuUsage();
  return {type: 'usage', userMicros: cpu.user, systemMicros: cpu.system, rssBytes: process.memoryUsage().rss};
}

/** node-pty alone: how fast the kernel PTY delivers `command` output to this process. */
function ptyRate(command: string): Promise<HostReply> {
  return new Promise((resolve) => {
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    let bytes = 0;
    const pty = nodePty.spawn('bash', ['-c', command], {cols: 80, rows: 24, cwd: os.tmpdir(), env: {PATH: process.env.PATH ?? ''}, encoding: null});
    pty.onData((data) => {
      bytes += (data as unknown as Buffer).length;
    });
    pty.onExit(() => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      resolve({type: 'pty-rate', bytes, seconds, cpuMicros: cpu.user + cpu.system, userMicros: cpu.user});
    });
  });
}

let inspector: InspectorSession | null = null;

/** Starts or stops (and writes) a CPU profile of this process, for one phase of the bench. */
function profile(message: Extract<HostRequest, {type: 'profile'}>): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null): void => (error ? reject(error) : resolve({type: 'profiled'}));
    if (message.action === 'start') {
      inspector ??= new InspectorSession();
      inspector.connect();
      inspector.post('Profiler.enable', () => inspector!.post('Profiler.start', done));
      return;
    }
    inspector?.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(message.file, JSON.stringify(result.profile));
      inspector?.disconnect();
      done(error);
    });
  });
}

interface RunnerModules {
  startRunner: (options: Record<string, unknown>) => Promise<{port: number; close(): Promise<void>}>;
  Logger: {create(options: {level: string}): unknown};
}

async function loadRunner(): Promise<RunnerModules> {
  const [{startRunner}, {Logger}] = await Promise.all([
    import(pathToFileURL(required('BENCH_RUNNER_SERVER')).href),
    import(pathToFileURL(required('BENCH_RUNNER_LOG')).href),
  ]);
  return {startRunner, Logger};
}

async function main(): Promise<void> {
  let close: () => Promise<void>;
  if (mode === 'runner') {
    const {startRunner, Logger} = await loadRunner();
    const runner = await startRunner({
      port: 0, token: required('BENCH_TOKEN'), origins: ['http://localhost:3000'], labsDir: required('BENCH_LABS_DIR'),
      labContext: 'kind-k8s-labs', kubeconfigPath: path.join(os.tmpdir(), 'k8slab-bench-no-kubeconfig'), maxSessions: 200,
      log: Logger.create({level: 'warn'}),
    });
    close = () => runner.close();
    reply({type: 'listening', port: runner.port});
  } else {
    const bare = await startBareServer(benchShellEnv('[bare]$ '));
    close = () => bare.close();
    reply({type: 'listening', port: bare.port});
  }
  process.on('message', (message: HostRequest) => {
    if (message.type === 'usage') reply(usage(message.collectGarbage));
    else if (message.type === 'pty-rate') void ptyRate(message.command).then(reply);
    else if (message.type === 'profile') void profile(message).then(reply);
    else if (message.type === 'exit') void close().then(() => process.exit(0));
  });
  // The bench must end by itself: if the parent dies, so does this host.
  process.on('disconnect', () => void close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`server-host ${mode}: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
