/** Ctrl-C under load, memory per session, and many sessions at once. */
import {BenchClient} from './client';
import {usage, type Host} from './hosts';
import {sleep} from './stats';

/** `yes` output received before Ctrl-C, so the pipe is full when it is pressed. */
const CTRL_C_AFTER_BYTES = 1_000_000;

/** Milliseconds from Ctrl-C during `yes` to the prompt, one sample per round. */
export async function ctrlC(client: BenchClient, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = client.bytes;
    client.input('yes\r');
    while (client.bytes - start < CTRL_C_AFTER_BYTES) await sleep(5);
    const back = client.waitFor(client.prompt, 10_000);
    const started = process.hrtime.bigint();
    client.input('\x03');
    await back;
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

export interface MemoryFigures {
  /** Server RSS with the one session already open. */
  rssOneBytes: number;
  /** Server RSS with `sessions` open (the extra ones idle at their prompt). */
  rssManyBytes: number;
  sessions: number;
  /** (rssMany − rssOne) / (sessions − 1). */
  perExtraSessionBytes: number;
}

/**
 * RSS after garbage collection with the one session the bench already has open, then with
 * `sessions` in all; the extra sessions are closed again before this resolves.
 */
export async function sessionMemory(host: Host, token: string, sessions: number): Promise<MemoryFigures> {
  const one = await usage(host, true);
  const extra: BenchClient[] = [];
  for (let i = 1; i < sessions; i += 1) extra.push(await BenchClient.open(host.kind, host.port, token));
  const many = await usage(host, true);
  await Promise.all(extra.map((c) => c.close()));
  return {rssOneBytes: one.rssBytes, rssManyBytes: many.rssBytes, sessions, perExtraSessionBytes: (many.rssBytes - one.rssBytes) / (sessions - 1)};
}

export interface ConcurrentFigures {
  ok: number;
  errors: string[];
  seconds: number;
}

/** Opens `count` sessions at once, runs one command in each, closes them. */
export async function concurrent(host: Host, token: string, count: number): Promise<ConcurrentFigures> {
  const started = Date.now();
  const errors: string[] = [];
  let ok = 0;
  const clients = await Promise.all(Array.from({length: count}, async (_, i) => {
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
