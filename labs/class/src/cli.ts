/**
 * `npm run class -- <command>`: a trainer's commands for one shared cluster.
 *
 *     up      check the cluster, make the class, print the join links, write <name>-learners.csv
 *     status  what exists and what is broken, per learner
 *     serve   start the class runner (TLS, per-learner tokens, the trainer's roster)
 *     down    remove everything `up` made, found by the class label
 *
 * stdout carries what the trainer reads; the runner's structured log goes to stderr.
 */
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {normaliseOrigin} from '../../runner/src/auth';
import {REPO_ROOT} from '../../runner/src/cli';
import {startClassRunner, type ClassDefinition} from '../../runner/src/class-server';
import {Logger} from '../../runner/src/log';
import {loadTls, selfSignedTls} from '../../runner/src/tls';
import {classDown} from './down';
import {classLocale, sayIn, type Say} from './i18n';
import {Kube} from './kube';
import {ROSTER_PATH, rosterLink} from './links';
import {MAX_LEARNERS} from './names';
import {cpuMillis, memoryBytes} from './quantity';
import {DEFAULT_LAB_CAP} from './sizing';
import {readState, stateFile, type ClassState} from './state';
import {classStatus, type ClassStatus} from './status';
import {learnerKubeConfig} from './tokens';
import {classUp} from './up';

/** The toolbox image `up` puts in the Pods unless told otherwise (labs/class/toolbox/Dockerfile). */
export const DEFAULT_TOOLBOX_IMAGE = 'k8s-labs-toolbox:0.1.0';
export const DEFAULT_CLASS_PORT = 7654;
const DEFAULT_STATE_DIR = '.class';

export class UsageError extends Error {}

/** `--labs a b c`, `--labs a,b,c` and `--labs a --labs b` all mean the same: gather the ids. */
export function gatherLabs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--labs') {
      out.push(argv[i]!);
      continue;
    }
    const ids: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) ids.push(...argv[++i]!.split(',').filter(Boolean));
    if (ids.length === 0) throw new UsageError('--labs needs at least one lab id');
    out.push(`--labs=${ids.join(',')}`);
  }
  return out;
}

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

const OPTIONS = {
  name: {type: 'string'},
  learners: {type: 'string'},
  labs: {type: 'string', multiple: true},
  kubeconfig: {type: 'string'},
  hours: {type: 'string'},
  image: {type: 'string'},
  'site-url': {type: 'string'},
  'runner-url': {type: 'string'},
  'state-dir': {type: 'string'},
  'state-file': {type: 'string'},
  'work-dir': {type: 'string'},
  'scenarios-dir': {type: 'string'},
  csv: {type: 'string'},
  'max-lab-cpu': {type: 'string'},
  'max-lab-memory': {type: 'string'},
  concurrency: {type: 'string'},
  force: {type: 'boolean'},
  host: {type: 'string'},
  port: {type: 'string'},
  'public-host': {type: 'string', multiple: true},
  origin: {type: 'string', multiple: true},
  'tls-cert': {type: 'string'},
  'tls-key': {type: 'string'},
  'api-server': {type: 'string'},
  'no-wait': {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({args: gatherLabs(argv), options: OPTIONS, strict: true, allowPositionals: true});
}

function stateFor(values: Values): {file: string; state: ClassState} {
  const file = values['state-file']
    ? path.resolve(values['state-file'])
    : stateFile(path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR), required('name', values.name));
  const state = readState(file);
  if (values.name && values.name !== state.name) throw new UsageError(`--name ${values.name}: ${file} holds class ${state.name}`);
  return {file, state};
}

async function up(values: Values, say: Say, print: (line: string) => void): Promise<number> {
  const name = required('name', values.name);
  const labs = (values.labs ?? []).flatMap((v) => v.split(',')).filter(Boolean);
  if (labs.length === 0) throw new UsageError('--labs is required: the lab ids of the class, the first one opens the join link');
  const runnerUrl = values['runner-url'] ?? `https://${os.hostname()}:${DEFAULT_CLASS_PORT}`;
  const siteUrl = values['site-url'] ?? 'http://localhost:3000';
  for (const [flag, value] of [['runner-url', runnerUrl], ['site-url', siteUrl]] as const) {
    try {
      normaliseOrigin(value);
    } catch (error) {
      throw new UsageError(`--${flag}: ${(error as Error).message}`);
    }
  }
  const result = await classUp(
    {
      name,
      learners: number('learners', values.learners, 0, 1, MAX_LEARNERS),
      labs,
      kubeconfig: path.resolve(required('kubeconfig', values.kubeconfig)),
      hours: number('hours', values.hours, 6, 1 / 6, 24 * 7),
      image: values.image ?? DEFAULT_TOOLBOX_IMAGE,
      siteUrl: siteUrl.replace(/\/+$/, ''),
      runnerUrl: runnerUrl.replace(/\/+$/, ''),
      scenariosDir: path.resolve(values['scenarios-dir'] ?? path.join(REPO_ROOT, 'labs', 'scenarios')),
      stateDir: path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR),
      csvFile: path.resolve(values.csv ?? `${name}-learners.csv`),
      cap: {
        cpuMillis: values['max-lab-cpu'] ? cpuMillis(values['max-lab-cpu']) : DEFAULT_LAB_CAP.cpuMillis,
        memoryBytes: values['max-lab-memory'] ? memoryBytes(values['max-lab-memory']) : DEFAULT_LAB_CAP.memoryBytes,
      },
      force: values.force ?? false,
      concurrency: number('concurrency', values.concurrency, 8, 1, 64),
    },
    say,
    print,
  );
  return result.ok ? 0 : 1;
}

/** The status as lines: a table per learner, then what is wrong. */
export function statusLines(status: ClassStatus, say: Say): string[] {
  const lines: string[] = [];
  if (status.learners.length === 0 && Object.values(status.counts).every((n) => n === 0)) return [say('status.nothing', {name: status.name})];
  lines.push(say('status.header', {name: status.name, expires: status.expiresAt ?? '?'}));
  if (status.expired) lines.push(say('status.expired', {expires: status.expiresAt ?? ''}));
  lines.push(say('status.columns'));
  for (const l of status.learners) {
    const toolbox = `${l.toolbox.phase}${l.toolbox.ready ? '' : ` (${l.toolbox.reason ?? say('status.notReady')})`}`;
    lines.push(
      `  ${l.learner.padEnd(6)} ${`${l.namespaces.found}/${l.namespaces.expected}`.padEnd(11)} ${(l.serviceAccount ? '✓' : '✗').padEnd(3)} ` +
        `${`${l.bindings.found}/${l.bindings.expected}`.padEnd(9)} ${toolbox}`,
    );
  }
  const problems = status.learners.flatMap((l) => l.problems.map((p) => `  ${l.learner}: ${say(`status.problem.${p.key}`, p.values)}`));
  lines.push(problems.length > 0 ? say('status.problems', {count: problems.length}) : say('status.allGood'));
  lines.push(...problems);
  lines.push(say('status.counts', {counts: Object.entries(status.counts).map(([k, v]) => `${k} ${v}`).join(', '), roles: status.clusterRoles.join(', ') || '—'}));
  return lines;
}

async function status(values: Values, say: Say, print: (line: string) => void): Promise<number> {
  const name = required('name', values.name);
  let state: ClassState | null = null;
  try {
    state = stateFor(values).state;
  } catch {
    // Without the state file, status still finds the class by its label.
  }
  const kube = Kube.fromFile(path.resolve(required('kubeconfig', values.kubeconfig)));
  const found = await classStatus(kube, name, state);
  for (const line of statusLines(found, say)) print(line);
  return found.learners.some((l) => l.problems.length > 0) ? 1 : 0;
}

async function down(values: Values, say: Say, print: (line: string) => void): Promise<number> {
  const name = required('name', values.name);
  const kube = Kube.fromFile(path.resolve(required('kubeconfig', values.kubeconfig)));
  const file = stateFile(path.resolve(values['state-dir'] ?? DEFAULT_STATE_DIR), name);
  const csv = path.resolve(values.csv ?? `${name}-learners.csv`);
  print(say('down.deleting', {name}));
  const result = await classDown(kube, {name, waitMs: values['no-wait'] ? 0 : 180_000, localFiles: [file, `${path.dirname(file)}/progress.json`, csv]}, (remaining) => {
    if (remaining > 0) print(say('down.waiting', {remaining}));
  },
  );
  for (const error of result.errors) print(say('down.error', {text: error}));
  if (result.namespaces.length === 0 && result.clusterRoles.length === 0) print(say('down.nothing', {name}));
  else print(say('down.deleted', {namespaces: result.namespaces.length, roles: result.clusterRoles.length}));
  if (result.remaining.length > 0) {
    print(say('down.remaining', {names: result.remaining.slice(0, 10).join(', '), count: result.remaining.length}));
    return 1;
  }
  if (result.namespaces.length > 0) print(say('down.done', {name}));
  return result.errors.length > 0 ? 1 : 0;
}

/** The class as the runner needs it, from the state file. */
export function classDefinition(state: ClassState, apiServer?: string): ClassDefinition {
  const server = apiServer ? {...state.apiServer, server: apiServer} : state.apiServer;
  return {
    name: state.name,
    expiresAtMs: Date.parse(state.expiresAt),
    labs: state.labs.map((l) => l.id),
    trainerToken: state.trainerToken,
    learners: state.learners.map((l) => ({id: l.id, token: l.token, home: l.home, namespaces: l.namespaces, kubeConfig: learnerKubeConfig(server, l)})),
  };
}

async function serve(values: Values, say: Say, print: (line: string) => void): Promise<number> {
  const {file, state} = stateFor(values);
  // Where the runner writes (its certificate, the roster's progress): beside the state unless told.
  const workDir = path.resolve(values['work-dir'] ?? path.dirname(file));
  const runnerUrl = new URL(state.runnerUrl);
  // The port learners' browsers use, unless the runner sits behind a proxy that forwards to another.
  const port = number('port', values.port, Number(runnerUrl.port || (runnerUrl.protocol === 'https:' ? 443 : 80)), 0, 65535);
  const host = values.host ?? '0.0.0.0';
  const publicHosts = values['public-host'] ?? [runnerUrl.host];
  const origins = new Set([normaliseOrigin(state.siteUrl), ...(values.origin ?? []).map(normaliseOrigin)]);
  const loopbackOnly = host === '127.0.0.1' || host === '::1';
  const tls = values['tls-cert'] || values['tls-key']
    ? loadTls(required('tls-cert', values['tls-cert']), required('tls-key', values['tls-key']))
    : loopbackOnly && runnerUrl.protocol === 'http:'
      ? null
      : await selfSignedTls(workDir, [...publicHosts.map((h) => new URL(`https://${h}`).hostname.replace(/^\[|\]$/g, '')), 'localhost', '127.0.0.1'], new Date(Date.parse(state.expiresAt) + 86_400_000));
  const log = Logger.create({level: 'info'});
  const runner = await startClassRunner({
    definition: classDefinition(state, values['api-server']),
    labsDir: path.resolve(values['scenarios-dir'] ?? path.join(REPO_ROOT, 'labs', 'scenarios')),
    host, port, tls: tls ? {cert: tls.cert, key: tls.key} : null, publicHosts, origins: [...origins],
    progressFile: path.join(workDir, 'progress.json'),
    log,
  });
  print(say('serve.listening', {url: `${tls ? 'https' : 'http'}://${publicHosts[0]}`, host, port: runner.port, learners: state.learners.length}));
  if (tls) print(say(tls.selfSigned ? 'serve.selfSigned' : 'serve.certificate', {fingerprint: tls.fingerprint256, file: tls.certFile}));
  print(say('serve.roster', {link: rosterLink(state.siteUrl, state.trainerToken, state.runnerUrl), path: ROSTER_PATH}));
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      print(say('serve.stopping', {count: runner.activeSessions()}));
      void runner.close().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Runs one command; resolves with the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const say = sayIn(classLocale(env));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    print(say('cli.badOption', {message: (error as Error).message}));
    return 2;
  }
  const command = parsed.positionals[0];
  if (parsed.values.help || !command) {
    print(say('cli.usage', {port: DEFAULT_CLASS_PORT, image: DEFAULT_TOOLBOX_IMAGE}));
    return command || parsed.values.help ? 0 : 2;
  }
  const commands: Record<string, (v: Values, s: Say, p: (line: string) => void) => Promise<number>> = {up, status, down, serve};
  const run = commands[command];
  if (!run || parsed.positionals.length > 1) {
    print(say('cli.unknownCommand', {command: parsed.positionals.join(' ')}));
    return 2;
  }
  try {
    return await run(parsed.values, say, print);
  } catch (error) {
    print(say(error instanceof UsageError ? 'cli.badOption' : 'cli.failed', {message: (error as Error).message}));
    return error instanceof UsageError ? 2 : 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
