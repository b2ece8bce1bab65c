/**
 * The runner's token and address as the lab widget uses them. The runner link's fragment is taken
 * on every page by runner-link.ts (the fragment never reaches a server or a log); this module
 * reads what it stored, which lasts for this tab only.
 */
import {DEFAULT_RUNNER_PORT, RunnerPath} from '@site/labs/runner/src/protocol';
import {CLASS_RUNNER_PATTERN, RUNNER_KEY, TOKEN_KEY, TRUSTED_RUNNER_KEY} from './runner-link';

export {isToken, saveToken} from './runner-link';

export const DEFAULT_RUNNER = `127.0.0.1:${DEFAULT_RUNNER_PORT}`;

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** `host:port` of the local runner (loopback only), or a class runner's https origin. */
export function runnerAddress(): string {
  try {
    return sessionStorage.getItem(RUNNER_KEY) ?? DEFAULT_RUNNER;
  } catch {
    return DEFAULT_RUNNER;
  }
}

/** Where the health check and the socket are: a loopback `host:port` over http, or a class runner's https origin. */
export function runnerUrls(runner: string): {health: string; socket: string} {
  if (CLASS_RUNNER_PATTERN.test(runner)) return {health: `${runner}${RunnerPath.Health}`, socket: `${runner.replace(/^https:/i, 'wss:')}${RunnerPath.Socket}`};
  return {health: `http://${runner}${RunnerPath.Health}`, socket: `ws://${runner}${RunnerPath.Socket}`};
}

/** A class runner lives on another machine: an https origin, not the loopback runner. */
export function isClassRunner(runner: string): boolean {
  return CLASS_RUNNER_PATTERN.test(runner);
}

/**
 * Whether the reader agreed, in this tab, to type into the class runner at `runner`. A link can
 * name any https runner, so whoever sent it could otherwise put their own shell in this page: the
 * reader sees the origin and says yes once.
 */
export function isRunnerTrusted(runner: string): boolean {
  if (!isClassRunner(runner)) return true;
  try {
    return sessionStorage.getItem(TRUSTED_RUNNER_KEY) === runner;
  } catch {
    return false;
  }
}

export function trustRunner(runner: string): void {
  sessionStorage.setItem(TRUSTED_RUNNER_KEY, runner);
}

/** Drops a class runner and its token: the page goes back to the local runner, without a token. */
export function switchToLocalRunner(): void {
  sessionStorage.removeItem(RUNNER_KEY);
  sessionStorage.removeItem(TRUSTED_RUNNER_KEY);
  forgetToken();
}
