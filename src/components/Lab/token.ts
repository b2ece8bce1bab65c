/**
 * The runner's token and address. The runner prints a link with `#token=…` (and `&runner=host:port`
 * when not on the default port): the fragment never reaches a server or a log. The page moves it
 * into sessionStorage, which lasts for this tab only, and removes it from the address bar so it is
 * not copied along with the URL.
 */
import {DEFAULT_RUNNER_PORT, RunnerPath} from '@site/labs/runner/src/protocol';

const TOKEN_KEY = 'k8slab.token';
const RUNNER_KEY = 'k8slab.runner';
/** The runner makes 64 hex characters; RUNNER_TOKEN may set 32 to 128. Anything else is a paste mistake. */
const TOKEN_PATTERN = /^[0-9a-f]{32,128}$/i;
const RUNNER_PATTERN = /^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;
/** A class runner (class mode): only over TLS, given as an https origin by the trainer's join link. */
const CLASS_RUNNER_PATTERN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

export const DEFAULT_RUNNER = `127.0.0.1:${DEFAULT_RUNNER_PORT}`;

export function isToken(value: string): boolean {
  return TOKEN_PATTERN.test(value.trim());
}

/** Reads `#token=` and `#runner=` from the address bar into sessionStorage, then strips them. */
export function captureFromFragment(): boolean {
  if (typeof window === 'undefined' || !window.location.hash) return false;
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token');
  if (!token || !isToken(token)) return false;
  saveToken(token);
  const runner = params.get('runner');
  if (runner && (RUNNER_PATTERN.test(runner) || CLASS_RUNNER_PATTERN.test(runner))) sessionStorage.setItem(RUNNER_KEY, runner);
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return true;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim().toLowerCase());
}

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
