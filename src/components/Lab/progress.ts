/**
 * What the browser remembers of a lab between visits, kept in localStorage: that the reader
 * completed it once (and when), and the hints they opened. It is history, never the state of the
 * lab now: a new session starts from the broken state, so whether a task passes is only ever
 * what a check of the live session said (see live-session.ts). Nothing here leaves the browser.
 */
export type LabHistory = {
  /** When every task last passed a live check, ms since the epoch; null if never. */
  completedAtMs: number | null;
  /** How many hints of each task are open. */
  hintsShown: Record<string, number>;
};

const key = (labId: string) => `k8slab.progress.${labId}`;

export function emptyHistory(): LabHistory {
  return {completedAtMs: null, hintsShown: {}};
}

/** Older pages stored the live task state here too; only its completion time carries over. */
type StoredHistory = Partial<LabHistory> & {finishedAtMs?: number | null};

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function loadHistory(labId: string): LabHistory {
  try {
    const raw = localStorage.getItem(key(labId));
    if (!raw) return emptyHistory();
    const stored = JSON.parse(raw) as StoredHistory;
    const completedAtMs = isTime(stored.completedAtMs) ? stored.completedAtMs : isTime(stored.finishedAtMs) ? stored.finishedAtMs : null;
    const hintsShown = stored.hintsShown && typeof stored.hintsShown === 'object' ? stored.hintsShown : {};
    return {completedAtMs, hintsShown};
  } catch {
    return emptyHistory();
  }
}

export function saveHistory(labId: string, history: LabHistory): void {
  try {
    localStorage.setItem(key(labId), JSON.stringify(history));
  } catch {
    // Private mode or a full quota: the history then lasts for this page view only.
  }
}

/**
 * "May 3, 2025" / "2025. 5. 3." for the reader's language.
 * @param atMs ms since the epoch
 */
export function formatCompletionDate(atMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {dateStyle: 'medium'}).format(new Date(atMs));
}
