/**
 * Keystroke echo through `cat` in each server's shell: the round trip from sending one key to the
 * frame that echoes it, and the server CPU each key costs. All servers are measured in the same
 * loop, the order rotating key by key, so background load on the machine hits them alike.
 */
import type {BenchClient, ClientKind} from './client';
import {ascending, percentile, sleep} from './stats';

/** One server in the echo loop: its client, and how to read the server process's CPU time (µs). */
export interface EchoServer {
  client: BenchClient;
  cpuMicros: () => Promise<number>;
}

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
export async function startCat(clients: Partial<Record<ClientKind, BenchClient>>): Promise<void> {
  for (const c of Object.values(clients)) c.input('cat\r');
  await sleep(300);
  await Promise.all(Object.values(clients).map(async (c) => {
    const ready = c.waitFor('ready\r\nready');
    c.input('ready\r');
    await ready;
  }));
}

/** Ends `cat` with Ctrl-C and waits for the prompt. */
export async function stopCat(clients: Partial<Record<ClientKind, BenchClient>>): Promise<void> {
  for (const c of Object.values(clients)) {
    const prompt = c.waitFor(c.prompt);
    c.input('\x03');
    await prompt;
  }
}

/** One echo run; `cat` must be running (startCat). Figures come back for each server given. */
export async function echo<K extends ClientKind>(servers: Record<K, EchoServer>, options: EchoOptions): Promise<Record<K, EchoFigures>> {
  const kinds = Object.keys(servers) as K[];
  const samples = Object.fromEntries(kinds.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const cpuBefore = {} as Record<K, number>;
  let nextKeyAt = performance.now();
  for (let i = 0; i < options.warmupKeys + options.keys; i += 1) {
    if (i === options.warmupKeys) {
      for (const kind of kinds) cpuBefore[kind] = await servers[kind].cpuMicros();
      nextKeyAt = performance.now();
    }
    // Each server goes first, second, ... in turn.
    for (let n = 0; n < kinds.length; n += 1) {
      const kind = kinds[(i + n) % kinds.length]!;
      const ms = await servers[kind].client.keystroke('a');
      if (i >= options.warmupKeys) samples[kind].push(ms);
    }
    // cat sees a line now and then, as a typist's Enter; its echo is not timed.
    if (i % 100 === 99) {
      await Promise.all(kinds.map(async (kind) => {
        const c = servers[kind].client;
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
  const figures = {} as Record<K, EchoFigures>;
  for (const kind of kinds) {
    const cpuMicros = (await servers[kind].cpuMicros()) - cpuBefore[kind];
    const sorted = ascending(samples[kind]);
    figures[kind] = {p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), cpuMicrosPerKey: cpuMicros / options.keys};
  }
  return figures;
}
