/**
 * Bulk output through each server: MB/s at the client and CPU seconds per MB in the server and in
 * the receiving client. Rounds alternate runner and bare pipe after an untimed warm-up round, so
 * both see the same background load; the median round is reported.
 */
import type {BenchClient, ServerKind} from './client';
import {usage, type Host} from './hosts';
import {median} from './stats';

/** One way of making a lot of output. */
export interface Workload {
  name: string;
  /** What the report says it is. */
  description: string;
  /** A shell command; its output is what is measured. */
  command: string;
}

/** 30 MB of zeros as base64: 40 MB in one line, so PTY reads come back full (about 4 KiB each). */
export const LONG_LINE: Workload = {name: 'base64', description: '40 MB in one line', command: 'head -c 30000000 /dev/zero | base64 -w 0'};
/**
 * Two million short lines (17 MB with the terminal's CRLF): seq writes each line to the terminal
 * on its own, so reads are short and many, as with a chatty log or `kubectl get -w`.
 */
export const SHORT_LINES: Workload = {name: 'seq', description: '2,000,000 short lines', command: 'seq 1 2000000'};

export interface Rate {
  mbps: number;
  /** Server CPU seconds (user + system) per MB delivered. */
  serverCpuSecondsPerMb: number;
  /** Its user-mode part: JavaScript and node's own code, where the kernel's share is the rest. */
  serverUserSecondsPerMb: number;
  /** CPU seconds per MB the receiving client (this process) spent; 0 for node-pty alone. */
  clientCpuSecondsPerMb: number;
}

const DONE_MARKER = '__BULK_DONE__';

async function once(host: Host, client: BenchClient, workload: Workload): Promise<Rate> {
  const before = await usage(host);
  const bytesBefore = client.bytes;
  const clientCpuBefore = process.cpuUsage();
  const done = client.waitFor(DONE_MARKER, 180_000);
  const started = process.hrtime.bigint();
  // The quotes keep the echoed command line from matching the marker.
  client.input(`${workload.command}; echo; echo ${DONE_MARKER.slice(0, 7)}""${DONE_MARKER.slice(7)}\r`);
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const after = await usage(host);
  const mb = (client.bytes - bytesBefore) / 1e6;
  return {
    mbps: mb / seconds,
    serverCpuSecondsPerMb: (after.cpuMicros - before.cpuMicros) / 1e6 / mb,
    serverUserSecondsPerMb: (after.userMicros - before.userMicros) / 1e6 / mb,
    clientCpuSecondsPerMb: (clientCpu.user + clientCpu.system) / 1e6 / mb,
  };
}

/**
 * node-pty alone: how fast the kernel PTY delivers the output to node. It runs in a host of its
 * own, so the garbage it leaves is not collected during a measured round of either server.
 */
async function ptyAlone(host: Host, workload: Workload): Promise<Rate> {
  const reply = await host.request({type: 'pty-rate', command: workload.command});
  if (reply.type !== 'pty-rate') throw new Error('bad pty-rate reply');
  const mb = reply.bytes / 1e6;
  return {mbps: mb / reply.seconds, serverCpuSecondsPerMb: reply.cpuMicros / 1e6 / mb, serverUserSecondsPerMb: reply.userMicros / 1e6 / mb, clientCpuSecondsPerMb: 0};
}

/** Each figure is the median over rounds, taken on its own (CPU and rate need not share a round). */
function medianRate(rates: Rate[]): Rate {
  return {
    mbps: median(rates.map((r) => r.mbps)),
    serverCpuSecondsPerMb: median(rates.map((r) => r.serverCpuSecondsPerMb)),
    serverUserSecondsPerMb: median(rates.map((r) => r.serverUserSecondsPerMb)),
    clientCpuSecondsPerMb: median(rates.map((r) => r.clientCpuSecondsPerMb)),
  };
}

/**
 * One figure's runner/bare ratios, a ratio per round. The budget is judged on the median; the
 * lowest and highest say whether a miss is in every round or only in the middle one.
 */
export interface RoundRatios {
  median: number;
  min: number;
  max: number;
}

export interface BulkFigures {
  /** Median rates of each; node-pty alone is context, not a budget. */
  rates: Record<'pty' | ServerKind, Rate>;
  /** runner/bare in the same round, over rounds: throughput, then server CPU per MB. */
  runnerOverBare: {mbps: RoundRatios; serverCpuSecondsPerMb: RoundRatios};
}

/**
 * @param ptyHost A host serving no sessions, for node-pty alone.
 * @param rounds Timed rounds per server (plus one warm-up round).
 */
export async function bulk(hosts: Record<ServerKind, Host>, ptyHost: Host, clients: Record<ServerKind, BenchClient>, workload: Workload, rounds: number): Promise<BulkFigures> {
  const rates: Record<'pty' | ServerKind, Rate[]> = {pty: [], runner: [], bare: []};
  for (let round = 0; round <= rounds; round += 1) {
    // Who goes first alternates, so a slow spell on the machine does not always hit the same one.
    const order: ServerKind[] = round % 2 === 0 ? ['runner', 'bare'] : ['bare', 'runner'];
    const pty = await ptyAlone(ptyHost, workload);
    const measured: Partial<Record<ServerKind, Rate>> = {};
    for (const kind of order) measured[kind] = await once(hosts[kind], clients[kind], workload);
    if (round === 0) continue;
    rates.pty.push(pty);
    rates.runner.push(measured.runner!);
    rates.bare.push(measured.bare!);
  }
  const perRound = (pick: (r: Rate) => number): RoundRatios => {
    const ratios = rates.runner.map((r, i) => pick(r) / pick(rates.bare[i]!));
    return {median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios)};
  };
  return {
    rates: {pty: medianRate(rates.pty), runner: medianRate(rates.runner), bare: medianRate(rates.bare)},
    runnerOverBare: {mbps: perRound((r) => r.mbps), serverCpuSecondsPerMb: perRound((r) => r.serverCpuSecondsPerMb)},
  };
}
