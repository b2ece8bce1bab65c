/**
 * The part of the runner link every page understands. The runner prints
 * `http://localhost:3000/<page>#token=…&runner=host:port` (a class's join link gives an https
 * origin as `runner`); whichever page that opens (a lab, the labs index, the home page), the token moves into sessionStorage and leaves the address bar at
 * once, so it is neither copied along with the URL nor lost when the reader clicks on to a lab.
 *
 * Loaded on every page (src/client/runner-link.ts), so it stays tiny: no React, no protocol import.
 */

/** sessionStorage keys: a tab's token and runner address, read by the lab widget (token.ts). */
export const TOKEN_KEY = 'k8slab.token';
export const RUNNER_KEY = 'k8slab.runner';
/** The class runner origin the reader agreed to connect to, in this tab. */
export const TRUSTED_RUNNER_KEY = 'k8slab.runner.trusted';

/** The runner makes 64 hex characters; RUNNER_TOKEN may set 32 to 128. Anything else is a paste mistake. */
const TOKEN_PATTERN = /^[0-9a-f]{32,128}$/i;
/** Loopback only, as the runner binds nowhere else. */
export const RUNNER_PATTERN = /^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;
/** The trainer's roster page: its link carries a trainer token, which that page takes itself. */
export const ROSTER_PAGE_PATH = '/class/roster';
/** A class runner (class mode): only over TLS, given as an https origin by the trainer's join link. */
export const CLASS_RUNNER_PATTERN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

export function isToken(value: string): boolean {
  return TOKEN_PATTERN.test(value.trim());
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim().toLowerCase());
}

/**
 * Reads `#token=` (and `#runner=`) from the address bar into sessionStorage, then removes the
 * fragment with `history.replaceState`, keeping the router's state. A fragment without a valid
 * token (a heading anchor) is left alone.
 * @returns whether a token was taken.
 */
export function captureRunnerLink(): boolean {
  if (typeof window === 'undefined' || !window.location.hash) return false;
  if (window.location.pathname.replace(/\/+$/, '').endsWith(ROSTER_PAGE_PATH)) return false;
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token');
  if (!token || !isToken(token)) return false;
  try {
    saveToken(token);
    // A link names its runner or means the local one: a class runner from an earlier link must not
    // linger behind a local runner's token.
    const runner = params.get('runner');
    if (runner && (RUNNER_PATTERN.test(runner) || CLASS_RUNNER_PATTERN.test(runner))) sessionStorage.setItem(RUNNER_KEY, runner);
    else sessionStorage.removeItem(RUNNER_KEY);
  } catch {
    // Storage refused (a locked-down browser): the token still leaves the address bar.
  }
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return true;
}
