/**
 * `npm run bench:runner`: the runner beside a bare ws + node-pty pipe, in the same run, against the
 * budgets in DESIGN.md ("Budgets"). Each server runs in its own child process, so its CPU time and
 * memory are its own; the clients run here. Loopback only, bounded in count and time, exits by itself.
 *
 * Figures: keystroke echo round trip (p50/p99, interleaved so both servers see the same noise), bulk
 * output MB/s with server and client CPU seconds per MB (beside node-pty alone: the bare pipe's own
 * share of it is the ceiling any websocket server reaches on this machine), Ctrl-C latency during `yes`,
 * memory per extra idle session, and 100 concurrent sessions.
 *
 * BENCH_HOST_ARGS adds node flags to both server processes, e.g.
 * `BENCH_HOST_ARGS="--cpu-prof --cpu-prof-dir=.tmp/prof" npm run bench:runner` to profile them.
 */
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createToken} from '../../labs/runner/src/auth';
import {BenchClient, type ServerKind} from './client';
import type {HostReply, HostRequest} from './ipc';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Keystrokes timed per server (plus a warm-up that is not). */
const KEYSTROKES = 1000;
const WARMUP_KEYSTROKES = 50;
/** Input bytes for the bulk run; base64 makes 4/3 as much output. */
const BULK_INPUT_BYTES = 30_000_000;
const BULK_ROUNDS = 5;
const CTRL_C_ROUNDS = 5;
/** `yes` output received before Ctrl-C, so the pipe is full when it is pressed. */
const CTRL_C_AFTER_BYTES = 1_000_000;
const IDLE_SESSIONS = 40;
const CONCURRENT_SESSIONS = 100;
/** The whole bench is killed after this, whatever happens. */
const BENCH_DEADLINE_MS = 5 * 60_000;

/** Budgets from DESIGN.md. */
const Budget = {
  bulkShareOfPty: 0.9,
  ctrlCMs: 100,
  idleSessionBytes: 1024 * 1024,
  concurrentSessions: 100,
} as const;

interface Host {
  kind: ServerKind;
  child: ChildProcess;
  port: number;
  request(message: HostRequest): Promise<HostReply>;
}

async function startHost(kind: ServerKind, token: string): Promise<Host> {
  const child = fork(path.join(HERE, 'server-host.ts'), [kind], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_HOST_ARGS ? process.env.BENCH_HOST_ARGS.split(' ') : [])],
    env: {...process.env, BENCH_TOKEN: token},
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

async function usage(host: Host, collectGarbage = false): Promise<{cpuMicros: number; rssBytes: number}> {
  const reply = await host.request({type: 'usage', collectGarbage});
  if (reply.type !== 'usage') throw new Error('bad usage reply');
  return {cpuMicros: reply.userMicros + reply.systemMicros, rssBytes: reply.rssBytes};
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const ratio = (runner: number, bare: number): string => (bare > 0 ? `${fmt(runner / bare)}×` : 'n/a');

async function echoLatency(clients: Record<ServerKind, BenchClient>): Promise<Record<ServerKind, number[]>> {
  for (const c of Object.values(clients)) {
    c.input('cat\r');
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  await Promise.all(Object.values(clients).map(async (c) => {
    const ready = c.waitFor('ready\r\nready');
    c.input('ready\r');
    await ready;
  }));
  const samples: Record<ServerKind, number[]> = {runner: [], bare: []};
  for (let i = 0; i < WARMUP_KEYSTROKES + KEYSTROKES; i += 1) {
    // Interleaved, alternating who goes first: both servers see the same background noise.
    for (const kind of i % 2 === 0 ? (['runner', 'bare'] as const) : (['bare', 'runner'] as const)) {
      const ms = await clients[kind].keystroke('a');
      if (i >= WARMUP_KEYSTROKES) samples[kind].push(ms);
    }
    if (i % 100 === 99) {
      await Promise.all(Object.values(clients).map(async (c) => {
        const line = c.waitFor('a\r\n');
        c.input('\r');
        await line;
      }));
    }
  }
  for (const c of Object.values(clients)) {
    const prompt = c.waitFor(c.kind === 'runner' ? '[broken-file]' : '[bare]$ ');
    c.input('\x03');
    await prompt;
  }
  return samples;
}

interface Rate {
  mbps: number;
  cpuSecondsPerMb: number;
  /** CPU seconds per MB spent by the receiving client (this process); 0 for node-pty alone. */
  clientCpuSecondsPerMb: number;
}

async function bulkOnce(host: Host, client: BenchClient): Promise<Rate> {
  const before = await usage(host);
  const bytesBefore = client.bytes;
  const clientCpuBefore = process.cpuUsage();
  const done = client.waitFor('__BULK_DONE__', 120_000);
  const started = process.hrtime.bigint();
  client.input(`head -c ${BULK_INPUT_BYTES} /dev/zero | base64 -w 0; echo; echo __BULK_""DONE__\r`);
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const after = await usage(host);
  const mb = (client.bytes - bytesBefore) / 1e6;
  return {mbps: mb / seconds, cpuSecondsPerMb: (after.cpuMicros - before.cpuMicros) / 1e6 / mb, clientCpuSecondsPerMb: (clientCpu.user + clientCpu.system) / 1e6 / mb};
}

async function ptyAloneOnce(host: Host): Promise<Rate> {
  const reply = await host.request({type: 'pty-rate', command: `head -c ${BULK_INPUT_BYTES} /dev/zero | base64 -w 0`});
  if (reply.type !== 'pty-rate') throw new Error('bad pty-rate reply');
  return {mbps: reply.bytes / 1e6 / reply.seconds, cpuSecondsPerMb: reply.cpuMicros / 1e6 / (reply.bytes / 1e6), clientCpuSecondsPerMb: 0};
}

function median(rates: Rate[]): Rate {
  const sorted = [...rates].sort((a, b) => a.mbps - b.mbps);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * node-pty alone, the runner and the bare pipe, one round of each in turn, after an untimed warm-up
 * round (JIT): background load on the machine then hits all three alike.
 */
async function bulk(hosts: Record<ServerKind, Host>, clients: Record<ServerKind, BenchClient>): Promise<Record<'pty' | ServerKind, Rate>> {
  const rates: Record<'pty' | ServerKind, Rate[]> = {pty: [], runner: [], bare: []};
  for (let round = 0; round <= BULK_ROUNDS; round += 1) {
    const pty = await ptyAloneOnce(hosts.runner);
    const runner = await bulkOnce(hosts.runner, clients.runner);
    const bare = await bulkOnce(hosts.bare, clients.bare);
    if (round === 0) continue;
    rates.pty.push(pty);
    rates.runner.push(runner);
    rates.bare.push(bare);
  }
  return {pty: median(rates.pty), runner: median(rates.runner), bare: median(rates.bare)};
}

async function ctrlC(client: BenchClient): Promise<number[]> {
  const prompt = client.kind === 'runner' ? '[broken-file]' : '[bare]$ ';
  const samples: number[] = [];
  for (let round = 0; round < CTRL_C_ROUNDS; round += 1) {
    const start = client.bytes;
    client.input('yes\r');
    while (client.bytes - start < CTRL_C_AFTER_BYTES) await new Promise((resolve) => setTimeout(resolve, 5));
    const back = client.waitFor(prompt, 10_000);
    const started = process.hrtime.bigint();
    client.input('\x03');
    await back;
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function idleMemory(host: Host, token: string): Promise<number> {
  const before = await usage(host, true);
  const clients: BenchClient[] = [];
  for (let i = 0; i < IDLE_SESSIONS; i += 1) clients.push(await BenchClient.open(host.kind, host.port, token));
  const after = await usage(host, true);
  await Promise.all(clients.map((c) => c.close()));
  return (after.rssBytes - before.rssBytes) / IDLE_SESSIONS;
}

async function concurrent(host: Host, token: string): Promise<{ok: number; errors: string[]; seconds: number}> {
  const started = Date.now();
  const errors: string[] = [];
  let ok = 0;
  const clients = await Promise.all(Array.from({length: CONCURRENT_SESSIONS}, async (_, i) => {
    try {
      const client = await BenchClient.open(host.kind, host.port, token, 60_000);
      const out = client.waitFor(`ok-${i}\r`, 60_000);
      client.input(`echo ok-""${i}\r`);
      await out;
      if (client.errors.length > 0) errors.push(...client.errors);
      else ok += 1;
      return client;
    } catch (error) {
      errors.push((error as Error).message);
      return null;
    }
  }));
  await Promise.all(clients.map((c) => c?.close()));
  for (const c of clients) if (c && c.closeCode !== 1000) errors.push(`closed with ${c.closeCode}`);
  return {ok, errors, seconds: (Date.now() - started) / 1000};
}

async function main(): Promise<number> {
  const token = createToken();
  const hosts = {runner: await startHost('runner', token), bare: await startHost('bare', token)};
  const deadline = setTimeout(() => {
    process.stderr.write(`bench: over ${BENCH_DEADLINE_MS / 1000} s, giving up\n`);
    for (const h of Object.values(hosts)) h.child.kill('SIGKILL');
    process.exit(2);
  }, BENCH_DEADLINE_MS);
  deadline.unref();
  const line = (text: string): boolean => process.stdout.write(`${text}\n`);
  const verdicts: [string, boolean, string][] = [];

  try {
    line(`runner bench (node ${process.version}, loopback; runner and bare pipe each in their own process)\n`);
    const clients = {runner: await BenchClient.open('runner', hosts.runner.port, token), bare: await BenchClient.open('bare', hosts.bare.port, token)};

    const echo = await echoLatency(clients);
    const stats = (kind: ServerKind) => {
      const sorted = [...echo[kind]].sort((a, b) => a - b);
      return {p50: percentile(sorted, 50), p99: percentile(sorted, 99)};
    };
    const [er, eb] = [stats('runner'), stats('bare')];
    line(`keystroke echo (${KEYSTROKES}, interleaved)  runner p50 ${fmt(er.p50, 3)} ms p99 ${fmt(er.p99, 3)} ms | bare p50 ${fmt(eb.p50, 3)} ms p99 ${fmt(eb.p99, 3)} ms | runner/bare p50 ${ratio(er.p50, eb.p50)} p99 ${ratio(er.p99, eb.p99)}`);
    verdicts.push(['echo p99 no worse than the bare pipe', er.p99 <= eb.p99, `${fmt(er.p99, 3)} vs ${fmt(eb.p99, 3)} ms`]);

    const {pty, runner: br, bare: bb} = await bulk(hosts, clients);
    line(`bulk output (${fmt((BULK_INPUT_BYTES * 4) / 3 / 1e6, 0)} MB, median of ${BULK_ROUNDS})  node-pty alone ${fmt(pty.mbps)} MB/s | runner ${fmt(br.mbps)} MB/s | bare ${fmt(bb.mbps)} MB/s | runner/bare ${ratio(br.mbps, bb.mbps)} | runner/pty ${ratio(br.mbps, pty.mbps)} | bare/pty ${ratio(bb.mbps, pty.mbps)}`);
    line(`server CPU per MB  node-pty alone ${fmt(pty.cpuSecondsPerMb, 4)} s | runner ${fmt(br.cpuSecondsPerMb, 4)} s | bare ${fmt(bb.cpuSecondsPerMb, 4)} s | runner/bare ${ratio(br.cpuSecondsPerMb, bb.cpuSecondsPerMb)}`);
    line(`client CPU per MB  runner ${fmt(br.clientCpuSecondsPerMb, 4)} s | bare ${fmt(bb.clientCpuSecondsPerMb, 4)} s | runner/bare ${ratio(br.clientCpuSecondsPerMb, bb.clientCpuSecondsPerMb)}`);
    verdicts.push(['bulk within 10% of node-pty alone', br.mbps >= Budget.bulkShareOfPty * pty.mbps, `${fmt(br.mbps)} vs ${fmt(pty.mbps)} MB/s`]);

    const cr = (await ctrlC(clients.runner)).sort((a, b) => a - b);
    const cb = (await ctrlC(clients.bare)).sort((a, b) => a - b);
    line(`Ctrl-C during yes (${CTRL_C_ROUNDS} rounds)  runner median ${fmt(percentile(cr, 50), 1)} ms max ${fmt(cr.at(-1)!, 1)} ms | bare median ${fmt(percentile(cb, 50), 1)} ms max ${fmt(cb.at(-1)!, 1)} ms | runner/bare ${ratio(percentile(cr, 50), percentile(cb, 50))}`);
    verdicts.push([`Ctrl-C answered in < ${Budget.ctrlCMs} ms`, cr.at(-1)! < Budget.ctrlCMs, `max ${fmt(cr.at(-1)!, 1)} ms`]);
    await Promise.all(Object.values(clients).map((c) => c.close()));

    const mr = await idleMemory(hosts.runner, token);
    const mb = await idleMemory(hosts.bare, token);
    line(`memory per idle session (${IDLE_SESSIONS}, server RSS only)  runner ${fmt(mr / 1024, 0)} KiB | bare ${fmt(mb / 1024, 0)} KiB | runner/bare ${ratio(mr, mb)}`);
    verdicts.push(['< 1 MB server memory per idle session', mr < Budget.idleSessionBytes, `${fmt(mr / 1024, 0)} KiB`]);

    const conc = await concurrent(hosts.runner, token);
    const concBare = await concurrent(hosts.bare, token);
    line(`${CONCURRENT_SESSIONS} concurrent sessions  runner ${conc.ok} ok, ${conc.errors.length} errors in ${fmt(conc.seconds, 1)} s | bare ${concBare.ok} ok, ${concBare.errors.length} errors in ${fmt(concBare.seconds, 1)} s`);
    if (conc.errors.length > 0) line(`  runner errors: ${[...new Set(conc.errors)].slice(0, 5).join('; ')}`);
    verdicts.push([`${Budget.concurrentSessions} concurrent sessions without errors`, conc.ok === CONCURRENT_SESSIONS && conc.errors.length === 0, `${conc.ok} ok, ${conc.errors.length} errors`]);
  } finally {
    for (const h of Object.values(hosts)) {
      h.child.send({type: 'exit'} satisfies HostRequest);
    }
    await Promise.all(Object.values(hosts).map((h) => new Promise((resolve) => {
      if (h.child.exitCode !== null) resolve(null);
      else h.child.once('exit', resolve);
    })));
  }

  line('');
  for (const [budget, pass, figure] of verdicts) line(`${pass ? 'PASS' : 'OVER BUDGET'}  ${budget} (${figure})`);
  return verdicts.every(([, pass]) => pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
