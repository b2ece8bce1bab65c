/**
 * Which labs a class runs: the ones the trainer names, minus the ones that cannot be shared. A lab
 * is left out, with a line saying why, when it is `scope: cluster` (it touches nodes, webhooks or
 * other cluster-scoped objects that learners would fight over, and a learner may not touch them
 * anyway) or when its manifests ask for more than one learner's namespace may have.
 */
import fs from 'node:fs';
import path from 'node:path';
import {loadLab, type Lab} from '../../lib/lab-schema';
import {DEFAULT_LAB_CAP, sizeLab, type LabSizing} from './sizing';

export interface ClassLab {
  id: string;
  lab: Lab;
  /** The lab's scenario folder on this machine. */
  dir: string;
  sizing: LabSizing;
}

/** Why a lab is left out: a message key under `labs.` and its values. */
export interface Exclusion {
  id: string;
  key: 'scopeCluster' | 'overCap';
  values: Record<string, string>;
}

export interface LabSelection {
  included: ClassLab[];
  excluded: Exclusion[];
}

/**
 * Loads and sizes the named labs, in the order given (the first is the join link's lab).
 * @throws When an id names no lab folder, or a lab.yaml is invalid (the error names the file).
 */
export function selectLabs(
  scenariosDir: string,
  ids: readonly string[],
  cap: {cpuMillis: number; memoryBytes: number} = DEFAULT_LAB_CAP,
): LabSelection {
  const included: ClassLab[] = [];
  const excluded: Exclusion[] = [];
  for (const id of [...new Set(ids)]) {
    const dir = path.join(scenariosDir, id);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || !fs.existsSync(path.join(dir, 'lab.yaml'))) {
      throw new Error(`--labs: there is no lab "${id}" (no ${path.join(dir, 'lab.yaml')})`);
    }
    const lab = loadLab(path.join(dir, 'lab.yaml'));
    if (lab.scope === 'cluster') {
      excluded.push({id, key: 'scopeCluster', values: {lab: id}});
      continue;
    }
    const sizing = sizeLab(id, path.join(dir, 'manifests'), cap);
    if (sizing.overCap) {
      excluded.push({id, key: 'overCap', values: {lab: id, ...sizing.overCap}});
      continue;
    }
    included.push({id, lab, dir, sizing});
  }
  return {included, excluded};
}
