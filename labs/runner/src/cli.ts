/**
 * Command-line options of the runner, parsed and checked without side effects (main.ts acts on
 * them). Relative paths resolve against the current folder; defaults against the repository root,
 * so `npm run runner` works from anywhere in the checkout.
 */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {DEFAULT_ORIGINS, TOKEN_PATTERN, createToken, normaliseOrigin} from './auth.ts';
import {isLocale, localeFromEnv, type MessageKey, type MessageValues} from './i18n.ts';
import {Limits} from './limits.ts';
import {isLogLevel, type LogLevel} from './log.ts';
import {DEFAULT_RUNNER_PORT, isLabId, type Locale} from './protocol.ts';
import {REPO_ROOT} from './repo-root.ts';

export {REPO_ROOT};
/** Where `npm start` serves the lab pages. */
export const DEFAULT_SITE_URL = 'http://localhost:3000';
/** The context `npm run cluster:up` creates (kind prefixes the cluster name `k8s-labs`). */
export const DEFAULT_LAB_CONTEXT = 'kind-k8s-labs';

/** Everything main.ts needs, checked; times in milliseconds. */
export interface CliOptions {
  host: string;
  port: number;
  kubeconfigPath: string;
  labsDir: string;
  labContext: string;
  origins: string[];
  siteUrl: string;
  /** Language of the page the printed link opens. */
  siteLocale: Locale;
  /** The lab the printed link opens; null: the first local beginner lab. */
  lab: string | null;
  maxSessions: number;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** How long a session whose socket dropped waits for its page to come back; 0 ends it at once. */
  resumeGraceMs: number;
  logLevel: LogLevel;
  token: string;
  /** The token came from RUNNER_TOKEN rather than being made for this start. */
  tokenFromEnv: boolean;
}

/** A problem with the command line, as a message key for the reader's language. */
export class CliError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly values: MessageValues = {},
  ) {
    super(`${key} ${JSON.stringify(values)}`);
  }
}

export type CliResult = {help: true} | {help: false; options: CliOptions};

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new CliError('cli.badOption', {message: `--${name} must be an integer >= ${min}, got "${raw}"`});
  return value;
}

/**
 * Parses argv (without node and the script) and the environment.
 * @throws CliError on a bad option, a non-loopback host or a malformed RUNNER_TOKEN.
 */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliResult {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: {type: 'string'},
        port: {type: 'string'},
        kubeconfig: {type: 'string'},
        labs: {type: 'string'},
        'lab-context': {type: 'string'},
        origin: {type: 'string', multiple: true},
        'site-url': {type: 'string'},
        'site-locale': {type: 'string'},
        lab: {type: 'string'},
        'max-sessions': {type: 'string'},
        'idle-timeout': {type: 'string'},
        'absolute-timeout': {type: 'string'},
        'resume-grace': {type: 'string'},
        'log-level': {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
    }));
  } catch (error) {
    throw new CliError('cli.badOption', {message: (error as Error).message});
  }
  if (values.help) return {help: true};

  const host = values.host ?? '127.0.0.1';
  const loopback: Record<string, string> = {'127.0.0.1': '127.0.0.1', localhost: '127.0.0.1', '::1': '::1', '[::1]': '::1'};
  if (!(host in loopback)) throw new CliError('cli.badHost', {host});

  const port = positiveInt('port', values.port, DEFAULT_RUNNER_PORT, 0);
  if (port > 65535) throw new CliError('cli.badOption', {message: `--port must be at most 65535, got ${port}`});

  const logLevel = values['log-level'] ?? env.RUNNER_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) throw new CliError('cli.badOption', {message: `--log-level must be debug, info, warn or error, got "${logLevel}"`});

  let siteUrl: string;
  const origins = new Set<string>(DEFAULT_ORIGINS);
  try {
    siteUrl = new URL(values['site-url'] ?? DEFAULT_SITE_URL).href.replace(/\/+$/, '');
    // The link sends the reader to the site, so the site's own origin must be allowed.
    origins.add(normaliseOrigin(siteUrl));
    for (const origin of values.origin ?? []) origins.add(normaliseOrigin(origin));
  } catch (error) {
    throw new CliError('cli.badOption', {message: (error as Error).message});
  }

  const siteLocale = values['site-locale'] ?? localeFromEnv(env);
  if (!isLocale(siteLocale)) throw new CliError('cli.badOption', {message: `--site-locale must be en or ko, got "${siteLocale}"`});
  const lab = values.lab ?? null;
  if (lab !== null && !isLabId(lab)) throw new CliError('cli.badOption', {message: `--lab must be a lab id (a folder name under labs/scenarios), got "${lab}"`});

  const envToken = env.RUNNER_TOKEN;
  if (envToken !== undefined && !TOKEN_PATTERN.test(envToken)) throw new CliError('cli.badToken');

  return {
    help: false,
    options: {
      host: loopback[host]!,
      port,
      kubeconfigPath: path.resolve(values.kubeconfig ?? path.join(REPO_ROOT, '.lab-cluster', 'kubeconfig')),
      labsDir: path.resolve(values.labs ?? path.join(REPO_ROOT, 'labs', 'scenarios')),
      labContext: values['lab-context'] ?? DEFAULT_LAB_CONTEXT,
      origins: [...origins],
      siteUrl,
      siteLocale,
      lab,
      maxSessions: positiveInt('max-sessions', values['max-sessions'], Limits.maxSessions),
      idleTimeoutMs: positiveInt('idle-timeout', values['idle-timeout'], Limits.idleTimeoutMs / 1000) * 1000,
      absoluteTimeoutMs: positiveInt('absolute-timeout', values['absolute-timeout'], Limits.absoluteTimeoutMs / 1000) * 1000,
      resumeGraceMs: positiveInt('resume-grace', values['resume-grace'], Limits.resumeGraceMs / 1000, 0) * 1000,
      logLevel,
      token: envToken ?? createToken(),
      tokenFromEnv: envToken !== undefined,
    },
  };
}

/** The page the printed link opens. */
export interface LinkPage {
  /** A lab id, or null for the labs index. */
  lab: string | null;
  locale: Locale;
}

/**
 * The one line a reader opens: a lab page (in the reader's language: the default locale has no
 * prefix) with the token in the URL fragment (never sent to a server, never in a log), plus the
 * runner address when it is not the default port.
 */
export function connectLink(siteUrl: string, token: string, host: string, port: number, page: LinkPage): string {
  const runner = port === DEFAULT_RUNNER_PORT ? '' : `&runner=${host.includes(':') ? `[${host}]` : host}:${port}`;
  const prefix = page.locale === 'en' ? '' : `/${page.locale}`;
  return `${siteUrl}${prefix}/labs${page.lab ? `/${page.lab}` : ''}#token=${token}${runner}`;
}
