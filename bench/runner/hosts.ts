/**
 * The two server processes under test, each a compiled server-host.mjs started by node: the runner
 * with the node flags readers' runners get, the bare pipe with node's defaults.
 */
import {fork, type ChildProcess} from 'node:child_process';
import {BENCH_LABS_DIR, type CompiledRunner} from './build';
import type {ServerKind} from './client';
import type {HostReply, HostRequest} from './ipc';

export interface Host {
  kind: ServerKind;
  child: ChildProcess;
  port: number;
  request(message: HostRequest): Promise<HostReply>;
}

/** CPU time the host has used so far (µs) and its resident memory (bytes). */
export interface Usage {
  cpuMicros: number;
  /** The user-mode part of cpuMicros: the process's own code, against the kernel's on its behalf. */
  userMicros: number;
  rssBytes: number;
}

/**
 * Starts one host and resolves once its server listens.
 * @param hostModule The compiled server-host.mjs.
 * @param extraNodeFlags BENCH_HOST_ARGS, e.g. `--cpu-prof --cpu-prof-dir=.tmp/prof`.
 */
export async function startHost(kind: ServerKind, hostModule: string, runner: CompiledRunner, token: string, extraNodeFlags: string[]): Promise<Host> {
  const child = fork(hostModule, [kind], {
    // --expose-gc only lets memory figures collect garbage first (usage(host, true)).
    execArgv: [...(kind === 'runner' ? runner.nodeFlags : []), '--expose-gc', ...extraNodeFlags],
    env: {
      ...process.env, BENCH_TOKEN: token, BENCH_LABS_DIR,
      BENCH_RUNNER_SERVER: runner.serverModule, BENCH_RUNNER_LOG: runner.logModule,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: HostReply) => (m.type === 'listening' ? resolve(m.port) : reject(new Error(`unexpected ${m.type}`))));
    child.once('exit', (code) => reject(new Error(`${kind} host exited with ${code}`)));
  });
  let queue = Promise.resolve<unknown>(undefined);
  return {
    kind, child, port,
    // One request at a time, so each reply matches its request.
    request(message) {
      const next = queue.then(() => new Promise<HostReply>((resolve) => {
        child.once('message', resolve);
        child.send(message);
      }));
      queue = next;
      return next;
    },
  };
}

/** @param collectGarbage Collect first (memory figures); never for CPU figures. */
export async function usage(host: Host, collectGarbage = false): Promise<Usage> {
  const reply = await host.request({type: 'usage', collectGarbage});
  if (reply.type !== 'usage') throw new Error('bad usage reply');
  return {cpuMicros: reply.userMicros + reply.systemMicros, userMicros: reply.userMicros, rssBytes: reply.rssBytes};
}

/** Asks each host to close its server and exit; resolves when all have exited. */
export async function stopHosts(hosts: Host[]): Promise<void> {
  for (const h of hosts) if (h.child.connected) h.child.send({type: 'exit'} satisfies HostRequest);
  await Promise.all(hosts.map((h) => new Promise((resolve) => {
    if (h.child.exitCode !== null || h.child.signalCode !== null) resolve(null);
    else h.child.once('exit', resolve);
  })));
}
