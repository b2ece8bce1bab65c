/**
 * The labs this runner serves: the allow-list of lab ids. An id from a client is only ever a key
 * into this map; scripts and folders come from the map, never from the client's string.
 */
import {fork} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Lab} from '../../lib/lab-schema.ts';
import type {Logger, LogLevel} from './log.ts';

/** One lab the runner serves. */
export interface LabEntry {
  lab: Lab;
  /** Absolute path of the lab's scenario folder (LAB_DIR). */
  dir: string;
}

/**
 * Loads every valid lab under `scenariosDir` (lab-loader.ts) in a child process that exits once it
 * has answered. Validating lab.yaml needs the schema and YAML libraries, which the long-running
 * runner then never holds. A child process rather than a worker thread: a worker's isolate, its
 * thread's malloc arena and the code it ran stay in the runner's resident set after it ends (about
 * 5 MB, measured with smaps), a child's go with it. The catalog comes back by structured clone
 * (`serialization: 'advanced'`), as it did from a worker. Log lines the loader writes are written
 * here, in order.
 *
 * Run from its TypeScript sources (tests, under tsx), the runner loads the catalog in-process:
 * a child would need the TypeScript loader too, and memory does not matter there.
 */
export async function loadLabCatalogInChild(scenariosDir: string, log: Logger): Promise<Map<string, LabEntry>> {
  if (import.meta.url.endsWith('.ts')) {
    const {loadLabCatalog} = await import('./lab-loader.ts');
    return loadLabCatalog(scenariosDir, log);
  }
  // Node's defaults for a process that lives a moment: the runner's own flags may name an inspector
  // port or profile files, which the child must not take. It reads files only, so it gets no
  // environment: nothing of the runner's (RUNNER_TOKEN among it) reaches it.
  const child = fork(fileURLToPath(new URL('./lab-catalog-child.js', import.meta.url)), [scenariosDir], {
    execArgv: [], env: {}, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const result = await new Promise<CatalogChildResult>((resolve, reject) => {
      child.once('message', (message) => resolve(message as CatalogChildResult));
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`the lab catalog process exited with ${signal ?? code} before answering`)));
    });
    if (!result.ok) throw new Error(`loading the lab catalog failed: ${result.error}`);
    for (const line of result.log) log[line.level](line.event, line.fields);
    return new Map(result.labs.map((entry) => [entry.lab.id, entry]));
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** What the catalog process answers: the labs and the loader's log lines, or why it failed. */
export type CatalogChildResult =
  | {ok: true; labs: LabEntry[]; log: {level: LogLevel; event: string; fields: Record<string, unknown>}[]}
  | {ok: false; error: string};

/**
 * The absolute path of a script named in lab.yaml. The schema already forbids `..`; this also
 * refuses anything that resolves outside the lab folder, as a second line of defence.
 */
export function labScriptPath(entry: LabEntry, relative: string): string {
  const resolved = path.resolve(entry.dir, relative);
  if (!resolved.startsWith(entry.dir + path.sep)) throw new Error(`script ${relative} is outside ${entry.dir}`);
  return resolved;
}

/**
 * The namespace a lab's session works in: `lab-<id>`, cut to the 63 characters a namespace may
 * have, never ending in a hyphen.
 */
export function labNamespace(labId: string): string {
  return `lab-${labId}`.slice(0, 63).replace(/-+$/, '');
}

/** Where the site lists its labs in reading order, relative to the checkout. */
export const LAB_SIDEBAR_FILE = path.join('src', 'sidebars', 'labs.ts');

/**
 * Lab ids in the order the site's labs sidebar lists them (the order a reader should meet them
 * in), found as its `'labs/<id>'` entries; empty when the file is missing.
 */
export function labReadingOrder(repoRoot: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(repoRoot, LAB_SIDEBAR_FILE), 'utf8');
  } catch {
    return [];
  }
  const ids = [...text.matchAll(/['"]labs\/([a-z0-9]+(?:-[a-z0-9]+)*)['"]/g)].map((m) => m[1]!);
  return [...new Set(ids)];
}

/**
 * The lab a newcomer opens first: a local lab (nothing to install beyond kubectl), a beginner one
 * if there is one, the earliest in `readingOrder`; labs missing from that order come after it, by id.
 * @returns The lab id, or null when no lab is local.
 */
export function firstLocalLab(labs: ReadonlyMap<string, LabEntry>, readingOrder: readonly string[]): string | null {
  const rank = (id: string): number => {
    const at = readingOrder.indexOf(id);
    return at === -1 ? readingOrder.length : at;
  };
  const local = [...labs.values()]
    .map((entry) => entry.lab)
    .filter((lab) => lab.requires === 'local')
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return (local.find((lab) => lab.difficulty === 'beginner') ?? local[0])?.id ?? null;
}
