/**
 * Loads and validates every labs/scenarios/<id>/lab.yaml at build time: a malformed lab fails
 * the build with its file and field. Each lab's data (titles, tasks, hints, failure texts,
 * solution) is written as its own JSON module, so a lab page loads only its own lab
 * (`@generated/lab-data/default/loaders.js` maps each id to its loader).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {loadLabs, type Lab} from '../../labs/lib/lab-schema';

type Options = {labsDir: string};

/** What the lab widget receives: lab.yaml plus the solution commands to show behind the reveal. */
export type LabData = Lab & {solutionScript: string};

export default function labDataPlugin(_context: unknown, options: Options): Plugin<LabData[]> {
  return {
    name: 'lab-data',
    getPathsToWatch() {
      return [path.join(options.labsDir, '**/*')];
    },
    async loadContent() {
      const labs = loadLabs(options.labsDir);
      return [...labs.values()].map((lab) => ({
        ...lab,
        solutionScript: fs.readFileSync(path.join(options.labsDir, lab.id, 'solution.sh'), 'utf8'),
      }));
    },
    async contentLoaded({content, actions}) {
      for (const lab of content) {
        await actions.createData(`${lab.id}.json`, lab);
      }
      // A map of static import() calls, one per lab: webpack makes each lab its own chunk, and
      // the Lab component asks for exactly one by id.
      const loaders = content.map((lab) => `  ${JSON.stringify(lab.id)}: () => import(${JSON.stringify(`./${lab.id}.json`)}),`);
      await actions.createData('loaders.js', `export default {\n${loaders.join('\n')}\n};\n`);
    },
  };
}
