/**
 * The runner's entry point (compiled to labs/runner/dist and started by `npm start` or
 * `npm run runner` through scripts/start.mjs): starts the lab runner, prints the link a reader
 * opens, and on SIGINT, SIGTERM or SIGHUP closes every session (killing their shells) before
 * exiting.
 *
 * stdout carries only what the reader needs (one line saying where, one link to the first lab a
 * newcomer opens, or to `--lab`); the structured log goes to stderr and never contains the token.
 */
import {CliError, REPO_ROOT, connectLink, parseCli} from './cli.ts';
import {localeFromEnv, translator} from './i18n.ts';
import {firstLocalLab, labReadingOrder} from './lab-catalog.ts';
import {Limits} from './limits.ts';
import {Logger} from './log.ts';
import {DEFAULT_RUNNER_PORT, PROTOCOL_VERSION} from './protocol.ts';
import {startRunner} from './server.ts';

const t = translator(localeFromEnv(process.env));
// Whoever reads our output may be gone (its terminal closed); a failed write must not crash the
// runner in the middle of ending its shells.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${t(error.key, error.values)}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(`${t('cli.usage', {
      port: DEFAULT_RUNNER_PORT, maxSessions: Limits.maxSessions, resumeSeconds: Limits.resumeGraceMs / 1000,
      idleSeconds: Limits.idleTimeoutMs / 1000, absoluteSeconds: Limits.absoluteTimeoutMs / 1000,
    })}\n`);
    return 0;
  }
  const options = parsed.options;
  // The shell's environment is built explicitly, but nothing started from here needs the token.
  delete process.env.RUNNER_TOKEN;
  const log = Logger.create({level: options.logLevel});
  log.redact(options.token);

  // Signals are caught from here on: one that comes while the runner is still starting stops it
  // as soon as it has started, rather than killing it midway.
  let signalled: NodeJS.Signals | null = null;
  let onSignal: (signal: NodeJS.Signals) => void = (signal) => {
    signalled ??= signal;
  };
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, (signal) => onSignal(signal));

  let runner;
  try {
    runner = await startRunner({...options, log});
  } catch (error) {
    process.stderr.write(`${t('cli.startFailed', {message: (error as Error).message})}\n`);
    return 1;
  }
  if (options.lab !== null && !runner.labs.has(options.lab)) {
    process.stderr.write(`${t('cli.unknownLab', {lab: options.lab, dir: options.labsDir, labs: [...runner.labs.keys()].sort().join(', ')})}\n`);
    await runner.close();
    return 2;
  }
  const started = runner;
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    onSignal = (signal) => {
      // A second signal (Ctrl-C pressed again, or the same hang-up reaching the runner and its
      // launcher) changes nothing: shells are ended either way, within the bounded shutdown.
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${t('cli.stopping', {count: started.activeSessions()})}\n`);
      log.info('runner.signal', {signal});
      void started.close().then(() => resolve(0));
    };
  });
  if (signalled) {
    onSignal(signalled);
    return stopped;
  }
  const lab = options.lab ?? firstLocalLab(runner.labs, labReadingOrder(REPO_ROOT));
  const address = runner.host.includes(':') ? `[${runner.host}]:${runner.port}` : `${runner.host}:${runner.port}`;
  process.stdout.write(`${t('cli.listening', {address, protocol: PROTOCOL_VERSION})}\n`);
  process.stdout.write(`${connectLink(options.siteUrl, options.token, runner.host, runner.port, {lab, locale: options.siteLocale})}\n`);
  return stopped;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${t('cli.startFailed', {message: (error as Error).message})}\n`);
    process.exit(1);
  },
);
