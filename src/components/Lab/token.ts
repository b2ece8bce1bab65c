/**
 * The runner's token and address as the lab widget uses them. The runner link's fragment is taken
 * on every page by runner-link.ts (the fragment never reaches a server or a log); this module
 * reads what it stored, which lasts for this tab only.
 */
import {DEFAULT_RUNNER_PORT, RunnerPath} from '@site/labs/runner/src/protocol';
import {CLASS_RUNNER_PATTERN, RUNNER_KEY, TOKEN_KEY} from './runner-link';

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
