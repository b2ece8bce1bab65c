/**
 * Signals every process a session started, not just its leader.
 *
 * The shell and each lab script run as the leader of their own session (node-pty and
 * `spawn({detached: true})` both call setsid). An interactive bash puts each job in its own process
 * group inside that session, so signalling the leader's group alone would miss `yes | head &`. On
 * Linux the session's processes are found in /proc; elsewhere the leader's group is signalled.
 */
import fs from 'node:fs';

/** One process as /proc/<pid>/stat shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** One-letter state from /proc (Z = zombie). */
  state: string;
  /** Start time in clock ticks since boot: tells a process from a later one that reused its pid. */
  startTime: string;
}

/**
 * The first process of a session, as spawned. Right after fork the child may not have called
 * setsid yet, so it is not found by session id; it is then signalled by pid, but only while it is
 * the same process (same start time), never a later process that reused the pid.
 */
export interface SessionLeader {
  pid: number;
  /** From /proc at spawn time; null where there is no /proc. */
  startTime: string | null;
}

const hasProc = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last `)`. */
export function parseProcStat(text: string): ProcessInfo | null {
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const pid = Number.parseInt(text, 10);
  // Fields after the name, from field 3 (state); start time is field 22.
  const rest = text.slice(close + 2).split(' ');
  const [state, ppid, pgid, sid] = [rest[0], Number(rest[1]), Number(rest[2]), Number(rest[3])];
  if (!Number.isInteger(pid) || state === undefined || !Number.isInteger(sid)) return null;
  return {pid, ppid, pgid, sid, state, startTime: rest[19] ?? ''};
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    return parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every process visible in /proc (Linux only; empty elsewhere). */
export function listProcesses(): ProcessInfo[] {
  if (!hasProc) return [];
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    // A process that exited between readdir and read has nothing left to signal.
    const info = readProcess(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/** Records a just-spawned process as the leader of its session. */
export function sessionLeader(pid: number): SessionLeader {
  return {pid, startTime: hasProc ? (readProcess(pid)?.startTime ?? null) : null};
}

/** Whether the leader itself is still alive (not a zombie) and is the process that was spawned. */
function leaderAlive(leader: SessionLeader): boolean {
  if (!hasProc) {
    try {
      process.kill(leader.pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  const info = readProcess(leader.pid);
  return info !== null && info.state !== 'Z' && (leader.startTime === null || info.startTime === leader.startTime);
}

/** Live (non-zombie) processes in the session whose leader is `sid`. */
export function sessionMembers(sid: number): ProcessInfo[] {
  return listProcesses().filter((p) => p.sid === sid && p.state !== 'Z');
}

function kill(target: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to every process group in the leader's session, to the group named after the
 * leader (all there is to find without /proc), and to the leader itself while it is still the
 * spawned process. A pid in use as a session or group id cannot be reused, so this never reaches
 * an unrelated process.
 * @returns How many groups and processes were signalled.
 */
export function signalSession(leader: SessionLeader, signal: NodeJS.Signals): number {
  const groups = new Set<number>([leader.pid]);
  for (const p of sessionMembers(leader.pid)) groups.add(p.pgid);
  let count = 0;
  for (const pgid of groups) if (kill(-pgid, signal)) count += 1;
  if (leaderAlive(leader) && kill(leader.pid, signal)) count += 1;
  return count;
}

/** Whether anything of the session (or its leader, before setsid) is still alive. */
export function sessionAlive(leader: SessionLeader): boolean {
  return sessionMembers(leader.pid).length > 0 || leaderAlive(leader);
}

/**
 * Ends a session: `first` to every group, then SIGKILL to whatever is left after `graceMs`.
 * Resolves once nothing of the session is alive, or after the SIGKILL and a short settle.
 * @param graceMs Time between the first signal and SIGKILL, in milliseconds.
 */
export async function endSession(leader: SessionLeader, first: NodeJS.Signals, graceMs: number): Promise<void> {
  signalSession(leader, first);
  const pollMs = 25;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!sessionAlive(leader)) return;
    await delay(pollMs);
  }
  signalSession(leader, 'SIGKILL');
  // SIGKILL cannot be caught; give the kernel a moment to tear the processes down.
  const settleDeadline = Date.now() + 1000;
  while (Date.now() < settleDeadline && sessionAlive(leader)) await delay(pollMs);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
