/**
 * Keystroke echo through `cat` in each server's shell: the round trip from sending one key to the
 * frame that echoes it, and the server CPU each key costs. Both servers are measured in the same
 * loop, alternating who goes first, so background load on the machine hits them alike.
 */
import type {BenchClient, ServerKind} from './client';
import {usage, type Host} from './hosts';
import {ascending, percentile, sleep} from './stats';

const KINDS = ['runner', 'bare'] as const;

export interface EchoOptions {
  /** Keys timed per server. */
  keys: number;
  /** Keys sent first and not timed (JIT, caches). */
  warmupKeys: number;
  /** Milliseconds from one key to the next (a typist), or 0 for back to back. */
  cadenceMs: number;
}

export interface EchoFigures {
  p50Ms: number;
  p99Ms: number;
  /** Server CPU (user + system) over the timed keys, divided by their count, in µs. */
  cpuMicrosPerKey: number;
}

/** Starts `cat` in both shells, so every key is echoed by the terminal and nothing else runs. */
export async function startCat(clients: Record<ServerKind, BenchClient>): Promise<void> {
  for (const c of Object.values(clients)) c.input('cat\r');
  await sleep(300);
  await Promise.all(Object.values(clients).map(async (c) => {
    const ready = c.waitFor('ready\r\nready');
    c.input('ready\r');
    await ready;
  }));
}

/** Ends `cat` with Ctrl-C and waits for the prompt. */
export async function stopCat(clients: Record<ServerKind, BenchClient>): Promise<void> {
  for (const c of Object.values(clients)) {
    const prompt = c.waitFor(c.prompt);
    c.input('\x03');
    await prompt;
  }
}

/** One echo run; `cat` must be running (startCat). */
export async function echo(hosts: Record<ServerKind, Host>, clients: Record<ServerKind, BenchClient>, options: EchoOptions): Promise<Record<ServerKind, EchoFigures>> {
  const samples: Record<ServerKind, number[]> = {runner: [], bare: []};
  const cpuBefore: Partial<Record<ServerKind, number>> = {};
  let nextKeyAt = performance.now();
  for (let i = 0; i < options.warmupKeys + options.keys; i += 1) {
    if (i === options.warmupKeys) {
      for (const kind of KINDS) cpuBefore[kind] = (await usage(hosts[kind])).cpuMicros;
      nextKeyAt = performance.now();
    }
    for (const kind of i % 2 === 0 ? KINDS : ([...KINDS].reverse() as ServerKind[])) {
      const ms = await clients[kind].keystroke('a');
      if (i >= options.warmupKeys) samples[kind].push(ms);
    }
    // cat sees a line now and then, as a typist's Enter; its echo is not timed.
    if (i % 100 === 99) {
      await Promise.all(Object.values(clients).map(async (c) => {
        const line = c.waitFor('a\r\n');
        c.input('\r');
        await line;
      }));
    }
    if (options.cadenceMs > 0) {
      nextKeyAt += options.cadenceMs;
      const waitMs = nextKeyAt - performance.now();
      if (waitMs > 0) await sleep(waitMs);
    }
  }
  const figures = {} as Record<ServerKind, EchoFigures>;
  for (const kind of KINDS) {
    const cpuMicros = (await usage(hosts[kind])).cpuMicros - cpuBefore[kind]!;
    const sorted = ascending(samples[kind]);
    figures[kind] = {p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), cpuMicrosPerKey: cpuMicros / options.keys};
  }
  return figures;
}
