/**
 * The roster page's data, without React: the trainer's token and runner address from the link,
 * folding the runner's live updates into the table, time spent, and the CSV export. The leading
 * underscore keeps Docusaurus from making this file a page.
 */
import {
  ClassPath, RosterMessageType, type RosterCell, type RosterMessage, type RosterSnapshotMessage,
} from '@site/labs/runner/src/protocol';

const ROSTER_KEY = 'k8slab.roster';
const TOKEN_PATTERN = /^[0-9a-f]{32,128}$/;
const RUNNER_PATTERN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$|^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/i;

export interface RosterAccess {
  token: string;
  /** The runner's origin, e.g. https://runner.example.com:7654. */
  runner: string;
}

/**
 * Reads `#token=…&runner=…` once, keeps it for this tab (sessionStorage) and removes it from the
 * address bar, as the lab pages do with a learner's token; later loads of the tab reuse it.
 */
export function takeRosterAccess(location: Pick<Location, 'hash' | 'pathname' | 'search'>, storage: Storage, history: Pick<History, 'replaceState' | 'state'>): RosterAccess | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token') ?? '';
  const runner = params.get('runner') ?? '';
  if (TOKEN_PATTERN.test(token) && RUNNER_PATTERN.test(runner)) {
    storage.setItem(ROSTER_KEY, JSON.stringify({token, runner}));
    history.replaceState(history.state, '', location.pathname + location.search);
    return {token, runner};
  }
  try {
    const saved = JSON.parse(storage.getItem(ROSTER_KEY) ?? 'null') as RosterAccess | null;
    return saved && TOKEN_PATTERN.test(saved.token) && RUNNER_PATTERN.test(saved.runner) ? saved : null;
  } catch {
    return null;
  }
}

/** The roster socket's address on a runner. */
export function rosterSocketUrl(runner: string): string {
  return `${runner.replace(/^http/i, 'ws')}${ClassPath.Roster}`;
}

/** The roster as the page shows it: the snapshot with every later update folded in. */
export interface RosterState {
  snapshot: RosterSnapshotMessage;
  cells: Map<string, RosterCell>;
}

const key = (learner: string, lab: string) => `${learner}/${lab}`;

/** Applies one message from the runner. A snapshot replaces everything (sent once per connection). */
export function applyRoster(state: RosterState | null, message: RosterMessage): RosterState | null {
  if (message.t === RosterMessageType.Snapshot) {
    return {snapshot: message, cells: new Map(message.cells.map((c) => [key(c.learner, c.lab), c]))};
  }
  if (!state) return null;
  const cells = new Map(state.cells);
  cells.set(key(message.cell.learner, message.cell.lab), message.cell);
  return {snapshot: state.snapshot, cells};
}

export function cellOf(state: RosterState, learner: string, lab: string): RosterCell | undefined {
  return state.cells.get(key(learner, lab));
}

/** Milliseconds spent: from the first setup to the first all-pass check (or to now). */
export function timeSpentMs(cell: RosterCell | undefined, nowMs: number): number | null {
  if (!cell || cell.startedAtMs === null) return null;
  return Math.max(0, (cell.finishedAtMs ?? nowMs) - cell.startedAtMs);
}

/** `1:05:09` or `5:09`. */
export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** One CSV row per learner, lab and task: what the table shows, for a spreadsheet. */
export function rosterCsv(state: RosterState, nowMs: number): string {
  const header = ['learner', 'lab', 'task', 'passed', 'failure_code', 'hints_opened', 'solution_revealed', 'solution_applied', 'started_at', 'finished_at', 'time_spent_s', 'last_seen'];
  const rows: string[][] = [];
  for (const learner of state.snapshot.learners) {
    for (const lab of state.snapshot.labs) {
      const cell = cellOf(state, learner, lab.id);
      const spent = timeSpentMs(cell, nowMs);
      for (const task of lab.tasks) {
        const t = cell?.tasks.find((x) => x.id === task.id);
        rows.push([
          learner, lab.id, task.id, t?.pass === null || t === undefined ? '' : String(t.pass), t?.code ?? '', String(t?.hints ?? 0),
          String(cell?.solutionRevealed ?? false), String(cell?.solutionApplied ?? false), iso(cell?.startedAtMs ?? null), iso(cell?.finishedAtMs ?? null),
          spent === null ? '' : String(Math.round(spent / 1000)), iso(cell?.lastSeenMs ?? null),
        ]);
      }
    }
  }
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
