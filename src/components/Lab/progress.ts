/**
 * A reader's progress in one lab, kept in localStorage so a reload or tomorrow's visit picks up
 * where they left off. Nothing here leaves the browser.
 */
export type TaskState = {pass: boolean; code: string | null; blocked: boolean};

export type LabProgress = {
  /** Setup has run in this browser since the last reset. */
  setUp: boolean;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  tasks: Record<string, TaskState>;
  /** How many hints of each task are open. */
  hintsShown: Record<string, number>;
  /** Checks the reader asked for that did not pass every task; three open the solution. */
  failedChecks: number;
  solutionOpen: boolean;
};

/** After this many failed checks the solution is offered without being asked for. */
export const FAILED_CHECKS_BEFORE_SOLUTION = 3;

const key = (labId: string) => `k8slab.progress.${labId}`;

export function emptyProgress(): LabProgress {
  return {setUp: false, startedAtMs: null, finishedAtMs: null, tasks: {}, hintsShown: {}, failedChecks: 0, solutionOpen: false};
}

export function loadProgress(labId: string): LabProgress {
  try {
    const raw = localStorage.getItem(key(labId));
    if (!raw) return emptyProgress();
    return {...emptyProgress(), ...(JSON.parse(raw) as Partial<LabProgress>)};
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(labId: string, progress: LabProgress): void {
  try {
    localStorage.setItem(key(labId), JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: progress then lasts for this page view only.
  }
}
