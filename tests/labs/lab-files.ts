/**
 * Where the labs live and how the lab tests find their files. Shared by the static and the
 * local-lab tests; not a test file itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import {loadLab, type Lab} from '../../labs/lib/lab-schema';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const LABS_DIR = path.join(ROOT, 'labs');
export const SCENARIOS_DIR = path.join(LABS_DIR, 'scenarios');

export type LabFolder = {id: string; dir: string; lab: Lab};

/** Every lab folder with a lab.yaml, sorted by id; the folder name is the id. */
export function labFolders(): {id: string; dir: string; file: string}[] {
  if (!fs.existsSync(SCENARIOS_DIR)) return [];
  return fs
    .readdirSync(SCENARIOS_DIR, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({id: entry.name, dir: path.join(SCENARIOS_DIR, entry.name), file: path.join(SCENARIOS_DIR, entry.name, 'lab.yaml')}))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The labs that load; a lab that does not load fails its own schema test instead. */
export function loadableLabs(): LabFolder[] {
  return labFolders().flatMap(({id, dir, file}) => {
    try {
      return [{id, dir, lab: loadLab(file)}];
    } catch {
      return [];
    }
  });
}

/** Files under a folder (dot-folders included, node_modules excluded), as absolute paths. */
export function walk(dir: string, keep: (file: string) => boolean = () => true): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full, keep);
    return keep(full) ? [full] : [];
  });
}

export const rel = (file: string) => path.relative(ROOT, file);

/** The lab's scripts: setup, solution, cleanup and every check or guard. */
export function labScripts(dir: string): string[] {
  return walk(dir, (file) => file.endsWith('.sh') && !rel(file).includes('/manifests/'));
}
