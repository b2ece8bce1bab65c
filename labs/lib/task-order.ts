/**
 * The order in which a lab's tasks are checked, shared by the runner (its Check action) and
 * `npm run labs:verify`, so both decide "blocked" the same way: a task runs only once every task
 * it `needs` has passed; otherwise it is blocked and not run. Tasks are evaluated in dependency
 * order, so `needs` may name a task listed later; a cycle leaves its tasks blocked.
 */
import type {LabTask} from './lab-schema';

/** What became of one task: run (with what its runner returned) or blocked by its needs. */
export type TaskOutcome<R> = {task: LabTask; blocked: true} | {task: LabTask; blocked: false; result: R};

/**
 * Runs `run` for each task whose needs have passed, in dependency order, and returns one outcome
 * per task in the lab's own order.
 * @param tasks The lab's tasks.
 * @param run Runs one task (its check, and its guard if the caller wants that).
 * @param passed Whether a task's result counts as passed for the tasks that need it.
 * @param stop Checked before each task of the lab's list; once true, the tasks not run yet are
 *   reported blocked (the runner's session closed).
 */
export async function inNeedsOrder<R>(
  tasks: readonly LabTask[],
  run: (task: LabTask) => Promise<R>,
  passed: (result: R) => boolean,
  stop: () => boolean = () => false,
): Promise<TaskOutcome<R>[]> {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const outcomes = new Map<string, TaskOutcome<R>>();
  const visiting = new Set<string>();

  const evaluate = async (task: LabTask): Promise<TaskOutcome<R>> => {
    const known = outcomes.get(task.id);
    if (known) return known;
    const blocked: TaskOutcome<R> = {task, blocked: true};
    if (visiting.has(task.id)) return blocked;
    visiting.add(task.id);
    let outcome: TaskOutcome<R> = blocked;
    if (await allPass(task.needs.map((id) => byId.get(id)))) outcome = {task, blocked: false, result: await run(task)};
    visiting.delete(task.id);
    outcomes.set(task.id, outcome);
    return outcome;
  };
  const allPass = async (needed: (LabTask | undefined)[]): Promise<boolean> => {
    for (const task of needed) {
      if (!task) return false;
      const outcome = await evaluate(task);
      if (outcome.blocked || !passed(outcome.result)) return false;
    }
    return true;
  };

  for (const task of tasks) {
    if (stop()) break;
    await evaluate(task);
  }
  return tasks.map((task) => outcomes.get(task.id) ?? {task, blocked: true});
}
