/**
 * The child process behind lab-catalog.ts loadLabCatalogInChild: loads the catalog of the folder
 * named by its one argument, sends it and the log lines it wrote over the IPC channel, and exits.
 */
import type {CatalogChildResult} from './lab-catalog.ts';
import {loadLabCatalog} from './lab-loader.ts';
import {Logger, type LogLevel} from './log.ts';

function answer(result: CatalogChildResult): void {
  if (!process.send) {
    process.stderr.write('lab-catalog-child: started without an IPC channel (it is forked by the runner)\n');
    process.exit(2);
  }
  process.send(result, () => process.exit(0));
}

const scenariosDir = process.argv[2];
const log: Extract<CatalogChildResult, {ok: true}>['log'] = [];
const logger = Logger.create({
  level: 'debug',
  sink: (line) => {
    const {level, event, time: _time, ...fields} = JSON.parse(line) as {level: LogLevel; event: string; time: string};
    log.push({level, event, fields});
  },
});
try {
  if (!scenariosDir) throw new Error('lab-catalog-child: no scenarios folder given');
  answer({ok: true, labs: [...loadLabCatalog(scenariosDir, logger).values()], log});
} catch (error) {
  answer({ok: false, error: (error as Error).stack ?? String(error)});
}
