/**
 * Signals every process a session started, not just its leader.
 *
 * The shell and each lab script run as the leader of their own session (node-pty and
 * `spawn({detached: true})` both call setsid). An interactive bash puts each job in its own process
 * group inside that session, so signalling the leader's group alone would miss `yes | head &`. On
 * Linux the session's processes are found in /proc; elsewhere the leader's group is signalled.
 */
import fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  /** One-letter state from /proc (Z = zombie). */
  state: string;
}

const hasProc = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last `)`. */
export function parseProcStat(text: string): ProcessInfo | null {
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const pid = Number.parseInt(text, 10);
  const rest = text.slice(close + 2).split(' ');
  const [state, ppid, pgid, sid] = [rest[0], Number(rest[1]), Number(rest[2]), Number(rest[3])];
  if (!Number.isInteger(pid) || state === undefined || !Number.isInteger(sid)) return null;
  return {pid, ppid, pgid, sid, state};
}

/** Every process visible in /proc (Linux only; empty elsewhere). */
export function listProcesses(): ProcessInfo[] {
  if (!hasProc) return [];
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    try {
      const info = parseProcStat(fs.readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (info) out.push(info);
    } catch {
      // The process exited between readdir and read: nothing to signal.
    }
  }
  return out;
}

/** Live (non-zombie) processes in the session whose leader is `sid`. */
export function sessionMembers(sid: number): ProcessInfo[] {
  return listProcesses().filter((p) => p.sid === sid && p.state !== 'Z');
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to every process group in the session led by `sid` (and to the leader's group,
 * which on systems without /proc is all we can find).
 * @returns How many process groups were signalled.
 */
export function signalSession(sid: number, signal: NodeJS.Signals): number {
  const groups = new Set<number>([sid]);
  for (const p of sessionMembers(sid)) groups.add(p.pgid);
  let count = 0;
  for (const pgid of groups) if (signalGroup(pgid, signal)) count += 1;
  return count;
}

/** Whether any process of the session is still alive (not counting zombies). */
export function sessionAlive(sid: number): boolean {
  if (hasProc) return sessionMembers(sid).length > 0;
  try {
    process.kill(-sid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends a session: `first` to every group, then SIGKILL to whatever is left after `graceMs`.
 * Resolves once nothing of the session is alive, or after the SIGKILL and a short settle.
 * @param graceMs Time between the first signal and SIGKILL, in milliseconds.
 */
export async function endSession(sid: number, first: NodeJS.Signals, graceMs: number): Promise<void> {
  signalSession(sid, first);
  const pollMs = 25;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!sessionAlive(sid)) return;
    await delay(pollMs);
  }
  signalSession(sid, 'SIGKILL');
  // SIGKILL cannot be caught; give the kernel a moment to tear the processes down.
  const settleDeadline = Date.now() + 1000;
  while (Date.now() < settleDeadline && sessionAlive(sid)) await delay(pollMs);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
