/**
 * The runner's token and address as the lab widget uses them. The runner link's fragment is taken
 * on every page by runner-link.ts (the fragment never reaches a server or a log); this module
 * reads what it stored, which lasts for this tab only.
 */
import {DEFAULT_RUNNER_PORT} from '@site/labs/runner/src/protocol';
import {RUNNER_KEY, TOKEN_KEY} from './runner-link';

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

/** `host:port` of the runner; loopback only, as the runner binds nowhere else. */
export function runnerAddress(): string {
  try {
    return sessionStorage.getItem(RUNNER_KEY) ?? DEFAULT_RUNNER;
  } catch {
    return DEFAULT_RUNNER;
  }
}
