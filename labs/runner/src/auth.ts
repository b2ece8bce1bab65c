/**
 * Who may open a shell: the checks run at the WebSocket upgrade, before anything is spawned.
 *
 * A shell over a socket is remote code execution by design, so every request must prove it comes
 * from the reader's own browser tab: the Host header names this loopback runner (defeats DNS
 * rebinding), the Origin is one of the lab site's origins (defeats other web pages), and the token
 * printed in the reader's terminal is offered as a subprotocol (defeats other local programs and
 * pages that guessed the origin). Tokens never travel in a URL, where logs and history keep them.
 */
import crypto from 'node:crypto';
import type {IncomingMessage} from 'node:http';
import {ErrorCode, RunnerPath, Subprotocol} from './protocol.ts';

/** The token's size: 256 random bits, printed as 64 hex characters. */
export const TOKEN_BYTES = 32;
/** A token from RUNNER_TOKEN must look like one we would make: 32–128 lowercase hex characters. */
export const TOKEN_PATTERN = /^[0-9a-f]{32,128}$/;

/** Default origins of the lab site (`npm run site`); `--origin` adds more. */
export const DEFAULT_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:3000'] as const;

/** A fresh random token for one runner start. */
export function createToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('hex');
}

/**
 * Compares a presented token with the expected one in constant time. Lengths are compared first:
 * `timingSafeEqual` needs equal lengths, and a token's length is no secret.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return crypto.timingSafeEqual(a, b);
}

/** Host header values that name this runner: only loopback, only its own port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/**
 * Normalises an `--origin` value to the exact string a browser sends (scheme://host[:port], no
 * path, no trailing slash). Throws on anything that is not an http(s) origin.
 */
export function normaliseOrigin(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`origin must be http or https: ${value}`);
  if (url.username || url.password) throw new Error(`origin must not carry credentials: ${value}`);
  return url.origin;
}

/** A refused upgrade: the stable code (and HTTP status via ERROR_HTTP_STATUS) and why. */
export type Refusal = {
  ok: false;
  code: ErrorCode;
  /** Short reason for the log line and the HTTP body; never contains the token. */
  reason: string;
};
export type AuthResult = {ok: true} | Refusal;

/** What an upgrade is checked against; built once the port is known. */
export interface AuthPolicy {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  token: string;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks only the Host header (also used by the health endpoint). */
export function checkHost(req: IncomingMessage, policy: Pick<AuthPolicy, 'hosts'>): AuthResult {
  const host = header(req, 'host');
  if (host === undefined || !policy.hosts.has(host.toLowerCase())) {
    return {ok: false, code: ErrorCode.BadHost, reason: 'host not allowed'};
  }
  return {ok: true};
}

/** The subprotocols a request offers, as ws parses them (comma-separated, trimmed). */
export function offeredSubprotocols(req: IncomingMessage): string[] {
  const raw = header(req, 'sec-websocket-protocol');
  if (!raw) return [];
  return raw.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * The checks after Host that every runner makes alike: an allowed Origin, one of `paths`, and no
 * query string. Resolves to the path asked for.
 */
export function checkOriginAndPath(req: IncomingMessage, policy: {origins: ReadonlySet<string>}, paths: readonly string[]): Refusal | {ok: true; pathname: string} {
  const origin = header(req, 'origin');
  if (origin === undefined || origin === 'null' || !policy.origins.has(origin)) {
    return {ok: false, code: ErrorCode.BadOrigin, reason: origin === undefined ? 'origin missing' : 'origin not allowed'};
  }
  const target = req.url ?? '';
  const queryAt = target.indexOf('?');
  const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!paths.includes(pathname)) return {ok: false, code: ErrorCode.NotFound, reason: 'no such path'};
  // The protocol never uses a query string; refusing any keeps a token pasted there out of use,
  // even when it is the right one, so nobody gets used to putting it where logs keep it.
  if (queryAt !== -1) return {ok: false, code: ErrorCode.TokenInQuery, reason: 'query string refused; the token travels as a subprotocol'};
  return {ok: true, pathname};
}

/**
 * All upgrade checks, in order: Host, Origin, path, no query string, token, protocol version.
 * The first failure wins, so a foreign page learns nothing about the token.
 */
export function checkUpgrade(req: IncomingMessage, policy: AuthPolicy): AuthResult {
  const host = checkHost(req, policy);
  if (!host.ok) return host;

  const target = checkOriginAndPath(req, policy, [RunnerPath.Socket]);
  if (!target.ok) return target;

  const offered = offeredSubprotocols(req);
  const tokens = offered.filter((p) => p.startsWith(Subprotocol.TokenPrefix));
  if (tokens.length !== 1 || !tokensEqual(tokens[0]!.slice(Subprotocol.TokenPrefix.length), policy.token)) {
    return {ok: false, code: ErrorCode.BadToken, reason: tokens.length === 0 ? 'token missing' : 'token refused'};
  }
  if (!offered.includes(Subprotocol.Version)) {
    return {ok: false, code: ErrorCode.ProtocolVersion, reason: `subprotocol ${Subprotocol.Version} not offered`};
  }
  return {ok: true};
}
