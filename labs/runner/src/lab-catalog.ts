/**
 * The labs this runner serves: the allow-list of lab ids. An id from a client is only ever a key
 * into this map; scripts and folders come from the map, never from the client's string.
 */
import fs from 'node:fs';
import path from 'node:path';
import {loadLab, type Lab} from '../../lib/lab-schema';
import type {Logger} from './log';

/** One lab the runner serves. */
export interface LabEntry {
  lab: Lab;
  /** Absolute path of the lab's scenario folder (LAB_DIR). */
  dir: string;
}

/**
 * Loads every valid lab under `scenariosDir`. A folder with a bad lab.yaml is logged and skipped,
 * so one lab being written does not take the others offline (the site build rejects it anyway).
 */
export function loadLabCatalog(scenariosDir: string, log: Logger): Map<string, LabEntry> {
  const labs = new Map<string, LabEntry>();
  const root = path.resolve(scenariosDir);
  if (!fs.existsSync(root)) {
    log.warn('labs.missing', {dir: root});
    return labs;
  }
  for (const entry of fs.readdirSync(root, {withFileTypes: true})) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    const file = path.join(dir, 'lab.yaml');
    if (!fs.existsSync(file)) continue;
    try {
      const lab = loadLab(file);
      labs.set(lab.id, {lab, dir});
    } catch (error) {
      log.warn('labs.invalid', {file, error: (error as Error).message});
    }
  }
  log.info('labs.loaded', {dir: root, count: labs.size});
  return labs;
}

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
