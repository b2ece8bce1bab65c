/**
 * The worker behind lab-catalog.ts loadLabCatalogInWorker: loads the catalog, posts it and the
 * log lines it wrote, and ends.
 */
import {parentPort, workerData} from 'node:worker_threads';
import type {CatalogWorkerResult} from './lab-catalog.ts';
import {loadLabCatalog} from './lab-loader.ts';
import {Logger, type LogLevel} from './log.ts';

const log: CatalogWorkerResult['log'] = [];
const logger = Logger.create({
  level: 'debug',
  sink: (line) => {
    const {level, event, time: _time, ...fields} = JSON.parse(line) as {level: LogLevel; event: string; time: string};
    log.push({level, event, fields});
  },
});
const labs = loadLabCatalog((workerData as {scenariosDir: string}).scenariosDir, logger);
const result: CatalogWorkerResult = {labs: [...labs.values()], log};
parentPort?.postMessage(result);
