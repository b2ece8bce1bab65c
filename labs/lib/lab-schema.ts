/**
 * lab.yaml: the data of one lab (DESIGN.md, "Labs"). Behaviour lives in the scripts it names.
 *
 * Read by the runner (which scripts to run, with which timeouts), by the site's lab-data plugin
 * (titles, tasks, hints and failure texts for the widget) and by the tests. A malformed file is
 * reported with its path and the field, never half-loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import {parseDocument} from 'yaml';
import * as z from 'zod';

export const LAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What a check prints on stdout when it fails: one stable code, never prose. */
export const FAILURE_CODE = /^[A-Z][A-Z0-9_]*$/;

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({en: text, ko: text}).strict();
const script = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._/-]*\.sh$/, 'must be a relative path to a .sh file inside the lab folder')
  .refine((p) => !p.split('/').includes('..'), 'must stay inside the lab folder');

export const taskSchema = z
  .object({
    id: z.string().regex(LAB_ID, 'must be kebab-case'),
    title: localized,
    /** Exit 0 = the task is done; otherwise one failure code on stdout. */
    check: script,
    /**
     * Must also exit 0 for the task to count: it proves the thing under test still exists, so
     * deleting it is no fix.
     */
    guard: script.optional(),
    /**
     * The failure code the check must print right after setup: proof that the broken state is the
     * intended one, not any failure (labs:verify compares it). One of the lab's `failures`.
     */
    expect: z.string({error: 'is required: the failure code the check prints right after setup'}).regex(FAILURE_CODE, 'must be an UPPER_SNAKE_CASE failure code'),
    /**
     * Scripts that each take a shortcut the guard must refuse (delete the object, widen the policy,
     * bind cluster-wide). labs:verify runs each after setup and requires the guard to fail. A task
     * with a guard has at least one; a task without a guard has none.
     */
    shortcuts: z.array(script).default([]),
    /** Tasks that must pass before this one is checked. */
    needs: z.array(z.string()).default([]),
    /** Ids from `hints`, weakest first. */
    hints: z.array(z.string()).min(1, 'give each task at least one hint'),
  })
  .strict();

const seconds = z.number().int().positive().max(900);

/** The tools a lab can declare; the runner's probe knows how to find each. */
export const LAB_TOOLS = ['kubectl', 'docker', 'kind'] as const;
export type LabTool = (typeof LAB_TOOLS)[number];

export const labSchema = z
  .object({
    id: z.string().regex(LAB_ID, 'must be kebab-case and equal the folder name'),
    title: localized,
    summary: localized,
    /** cluster: needs the kind cluster. local: local tools only, runs end to end in CI. */
    requires: z.enum(['cluster', 'local']),
    /**
     * namespace: the scripts touch only LAB_NAMESPACE. cluster: they also touch cluster-scoped
     * objects (nodes, webhooks, StorageClasses, or the labels of LAB_NAMESPACE's own Namespace),
     * named after LAB_NAMESPACE so learners never collide. A class leaves these labs out.
     */
    scope: z.enum(['namespace', 'cluster']).default('namespace'),
    /**
     * Command-line tools the lab's scripts and the reader need beyond bash, coreutils and node; the
     * runner's probe checks them before every action. Cluster labs list at least kubectl; a local
     * lab lists what it calls (kubectl for `kubectl kustomize`), or `[]`.
     */
    tools: z.array(z.enum(LAB_TOOLS), {error: 'is required: list the tools the lab uses (kubectl, docker, kind), or []'})
      .refine((list) => new Set(list).size === list.length, 'lists a tool twice'),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']).default('beginner'),
    /** Pinned images the lab uses; `npm run cluster:up` preloads them with `kind load`. */
    images: z.array(z.string().regex(/^[^:\s]+:[^:\s]+$/, 'must be pinned as name:tag')).default([])
      .refine((list) => list.every((image) => !image.endsWith(':latest')), 'must not use :latest'),
    timeouts: z
      .object({setup: seconds.default(180), check: seconds.default(45), solution: seconds.default(180), cleanup: seconds.default(120)})
      .strict()
      .default({setup: 180, check: 45, solution: 180, cleanup: 120}),
    tasks: z.array(taskSchema).min(1, 'a lab needs at least one task'),
    hints: z.record(z.string().regex(LAB_ID, 'hint ids must be kebab-case'), localized),
    /** Failure code a check prints → what it means, in both languages. */
    failures: z.record(z.string().regex(FAILURE_CODE, 'failure codes are UPPER_SNAKE_CASE'), localized),
    /** How the fix works, shown behind the solution reveal; solution.sh holds the commands. */
    solution: localized,
    /** Ids of runbooks, cases and retrospectives this lab reproduces. */
    related: z.array(z.string()).default([]),
  })
  .strict();

export type Lab = z.infer<typeof labSchema>;
export type LabTask = z.infer<typeof taskSchema>;

/** The scripts every lab folder has besides its checks. */
export const LIFECYCLE_SCRIPTS = ['setup.sh', 'solution.sh', 'cleanup.sh'] as const;

export class LabFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly {field: string; message: string}[],
  ) {
    super(problems.map((p) => `${file}: field "${p.field}" ${p.message}`).join('\n'));
    this.name = 'LabFileError';
  }
}

/** Parses and validates one lab.yaml, including the rules that span fields and files. */
export function parseLab(file: string, source: string): Lab {
  const doc = parseDocument(source, {prettyErrors: true});
  if (doc.errors.length > 0) {
    throw new LabFileError(file, doc.errors.map((e) => ({field: '(yaml)', message: e.message})));
  }
  const parsed = labSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new LabFileError(
      file,
      parsed.error.issues.map((issue) => ({field: issue.path.join('.') || '(root)', message: issue.message})),
    );
  }
  const lab = parsed.data;
  const dir = path.dirname(file);
  const problems: {field: string; message: string}[] = [];
  if (path.basename(dir) !== lab.id) {
    problems.push({field: 'id', message: `is "${lab.id}" but the folder is "${path.basename(dir)}"`});
  }
  const taskIds = new Set(lab.tasks.map((t) => t.id));
  if (taskIds.size !== lab.tasks.length) problems.push({field: 'tasks', message: 'has duplicate task ids'});
  if (lab.requires === 'cluster' && !lab.tools.includes('kubectl')) {
    problems.push({field: 'tools', message: 'must include kubectl: every cluster lab script calls it'});
  }
  lab.tasks.forEach((task, i) => {
    for (const key of ['check', 'guard'] as const) {
      const rel = task[key];
      if (rel && !fs.existsSync(path.join(dir, rel))) {
        problems.push({field: `tasks.${i}.${key}`, message: `names ${rel}, which does not exist in ${dir}`});
      }
    }
    if (!(task.expect in lab.failures)) {
      problems.push({field: `tasks.${i}.expect`, message: `"${task.expect}" is not declared under failures`});
    }
    if (task.guard && task.shortcuts.length === 0) {
      problems.push({field: `tasks.${i}.shortcuts`, message: 'is empty: a task with a guard needs at least one shortcut script the guard must refuse'});
    }
    if (!task.guard && task.shortcuts.length > 0) {
      problems.push({field: `tasks.${i}.shortcuts`, message: 'lists shortcuts, but the task has no guard to refuse them'});
    }
    if (new Set(task.shortcuts).size !== task.shortcuts.length) {
      problems.push({field: `tasks.${i}.shortcuts`, message: 'lists a script twice'});
    }
    task.shortcuts.forEach((rel, j) => {
      if (!fs.existsSync(path.join(dir, rel))) {
        problems.push({field: `tasks.${i}.shortcuts.${j}`, message: `names ${rel}, which does not exist in ${dir}`});
      }
    });
    task.needs.forEach((need, j) => {
      if (!taskIds.has(need) || need === task.id) problems.push({field: `tasks.${i}.needs.${j}`, message: `"${need}" is not another task of this lab`});
    });
    task.hints.forEach((hint, j) => {
      if (!(hint in lab.hints)) problems.push({field: `tasks.${i}.hints.${j}`, message: `"${hint}" is not defined under hints`});
    });
  });
  for (const name of LIFECYCLE_SCRIPTS) {
    if (!fs.existsSync(path.join(dir, name))) problems.push({field: '(files)', message: `${name} is missing from ${dir}`});
  }
  if (problems.length > 0) throw new LabFileError(file, problems);
  return lab;
}

export function loadLab(file: string): Lab {
  return parseLab(file, fs.readFileSync(file, 'utf8'));
}

/** Every lab under a scenarios folder, by id; throws one error listing every bad file. */
export function loadLabs(scenariosDir: string): Map<string, Lab> {
  const labs = new Map<string, Lab>();
  const errors: string[] = [];
  if (!fs.existsSync(scenariosDir)) return labs;
  for (const entry of fs.readdirSync(scenariosDir, {withFileTypes: true})) {
    if (!entry.isDirectory()) continue;
    const file = path.join(scenariosDir, entry.name, 'lab.yaml');
    if (!fs.existsSync(file)) {
      errors.push(`${path.join(scenariosDir, entry.name)}: lab.yaml is missing`);
      continue;
    }
    try {
      const lab = loadLab(file);
      labs.set(lab.id, lab);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length > 0) throw new Error(`Invalid labs:\n${errors.join('\n')}`);
  return labs;
}
