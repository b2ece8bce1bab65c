/**
 * `npm run runner`: starts the lab runner, prints the link a reader opens, and on SIGINT, SIGTERM
 * or SIGHUP closes every session (killing their shells) before exiting.
 *
 * stdout carries only what the reader needs (one line saying where, one link); the structured log
 * goes to stderr and never contains the token.
 */
import {CliError, connectLink, parseCli} from './cli';
import {localeFromEnv, translator} from './i18n';
import {Limits} from './limits';
import {Logger} from './log';
import {DEFAULT_RUNNER_PORT, PROTOCOL_VERSION} from './protocol';
import {startRunner} from './server';

const t = translator(localeFromEnv(process.env));

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
      port: DEFAULT_RUNNER_PORT, maxSessions: Limits.maxSessions,
      idleSeconds: Limits.idleTimeoutMs / 1000, absoluteSeconds: Limits.absoluteTimeoutMs / 1000,
    })}\n`);
    return 0;
  }
  const options = parsed.options;
  // The shell's environment is built explicitly, but nothing started from here needs the token.
  delete process.env.RUNNER_TOKEN;
  const log = Logger.create({level: options.logLevel});
  log.redact(options.token);

  let runner;
  try {
    runner = await startRunner({...options, log});
  } catch (error) {
    process.stderr.write(`${t('cli.startFailed', {message: (error as Error).message})}\n`);
    return 1;
  }
  const address = runner.host.includes(':') ? `[${runner.host}]:${runner.port}` : `${runner.host}:${runner.port}`;
  process.stdout.write(`${t('cli.listening', {address, protocol: PROTOCOL_VERSION})}\n`);
  process.stdout.write(`${connectLink(options.siteUrl, options.token, runner.host, runner.port)}\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        // A second Ctrl-C means "now": skip the grace period.
        resolve(130);
        return;
      }
      stopping = true;
      process.stderr.write(`${t('cli.stopping', {count: runner.activeSessions()})}\n`);
      log.info('runner.signal', {signal});
      void runner.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${t('cli.startFailed', {message: (error as Error).message})}\n`);
    process.exit(1);
  },
);
