/**
 * The state of the lab in the runner session the page is attached to now. Kept in memory only:
 * task results come from check results of this session and nothing else, so after a reload the
 * panel says "not checked yet" until a check of the new session has answered, whatever the
 * browser remembers from before.
 *
 * Whether setup already ran in a session is remembered per tab (sessionStorage), by the runner's
 * session id: a page that reattaches to the same live session (a reload the runner resumes) must
 * not run setup again, which would undo the reader's fix; a new session always gets setup.
 */
import type {ReadyMessage, TaskResult} from '@site/labs/runner/src/protocol';

export type TaskState = Pick<TaskResult, 'pass' | 'code' | 'blocked'>;

export type LiveSession = {
  /** The runner's id of the session these results belong to; null before `ready`. */
  sessionId: string | null;
  /** Setup has run in this session (or the session was resumed, with setup done before). */
  setUp: boolean;
  /** When setup finished in this session, for the elapsed clock; ms since the epoch. */
  startedAtMs: number | null;
  /** When every task first passed in this session; cleared when one fails again. */
  finishedAtMs: number | null;
  /** The last check result of this session, per task id. Empty: not checked yet. */
  tasks: Record<string, TaskState>;
  /** Checks the reader asked for that did not pass every task; three offer the solution. */
  failedChecks: number;
};

/** After this many failed checks the solution is offered without being asked for. */
export const FAILED_CHECKS_BEFORE_SOLUTION = 3;

export function newSession(sessionId: string | null = null): LiveSession {
  return {sessionId, setUp: false, startedAtMs: null, finishedAtMs: null, tasks: {}, failedChecks: 0};
}

const setUpKey = (labId: string) => `k8slab.setup.${labId}`;

/**
 * Whether `ready` reattached to a session this tab already set up. A runner that resumes
 * sessions may also say so itself (`resumed: true`); either is enough.
 */
export function isResumed(labId: string, ready: Pick<ReadyMessage, 'session'> & {resumed?: unknown}): boolean {
  if (ready.resumed === true) return true;
  try {
    return sessionStorage.getItem(setUpKey(labId)) === ready.session;
  } catch {
    return false;
  }
}

/** Remembers that setup ran in this session, so a resumed page does not run it again. */
export function rememberSetUp(labId: string, sessionId: string | null): void {
  if (!sessionId) return;
  try {
    sessionStorage.setItem(setUpKey(labId), sessionId);
  } catch {
    // Storage refused: a resumed session then gets setup again, which restores the broken state.
  }
}

/** The session after a check result: tasks exactly as the check said, both ways. */
export function withCheckResult(session: LiveSession, tasks: readonly TaskResult[], askedFor: boolean, nowMs: number): LiveSession {
  const allPass = tasks.length > 0 && tasks.every((t) => t.pass);
  return {
    ...session,
    tasks: Object.fromEntries(tasks.map((t) => [t.id, {pass: t.pass, code: t.code, blocked: t.blocked}])),
    failedChecks: allPass || !askedFor ? session.failedChecks : session.failedChecks + 1,
    finishedAtMs: allPass ? (session.finishedAtMs ?? nowMs) : null,
  };
}

/** Every task of the lab passed the last live check. */
export function allPassed(session: LiveSession, taskIds: readonly string[]): boolean {
  return taskIds.length > 0 && taskIds.every((id) => session.tasks[id]?.pass === true);
}
