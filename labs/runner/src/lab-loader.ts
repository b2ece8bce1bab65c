/**
 * Reads and validates lab.yaml files (labs/lib/lab-schema.ts). The runner calls this in a child
 * process (lab-catalog.ts loadLabCatalogInChild), so the schema library is loaded only there.
 */
import fs from 'node:fs';
import path from 'node:path';
import {loadLab} from '../../lib/lab-schema.ts';
import type {LabEntry} from './lab-catalog.ts';
import type {Logger} from './log.ts';

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
