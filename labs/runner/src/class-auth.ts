/**
 * Who may connect to a class runner. The same checks as local mode (auth.ts), in the same order,
 * with class-mode answers: the Host must be one the trainer named (the runner's public name and
 * port) or loopback, the Origin one of the site's, and the token one learner's (at /ws) or the
 * trainer's (at the roster), before the class's end. A learner's token opens only that learner's
 * sessions; the trainer's token opens no shell at all.
 *
 * Tokens are looked up by their SHA-256 (so the lookup takes the same path for any token) and then
 * compared in constant time, as auth.ts does.
 */
import crypto from 'node:crypto';
import type {IncomingMessage} from 'node:http';
import {checkHost, checkOriginAndPath, offeredSubprotocols, tokensEqual, type Refusal} from './auth.ts';
import {ClassPath, ErrorCode, RosterSubprotocol, RunnerPath, Subprotocol} from './protocol.ts';

export interface ClassAuthPolicy {
  /** Exact Host header values (lowercase `host:port`). */
  hosts: ReadonlySet<string>;
  /** Exact Origin values. */
  origins: ReadonlySet<string>;
  /** Learner id → runner token. */
  learnerTokens: ReadonlyMap<string, string>;
  trainerToken: string;
  /** After this, every token is refused (ms since the epoch). */
  expiresAtMs: number;
}

export type Who = {kind: 'learner'; learner: string} | {kind: 'trainer'};
export type ClassAuthResult = {ok: true; who: Who} | Refusal;

function digest(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Learner lookup by token digest, built once per runner. */
export class LearnerTokens {
  private readonly byDigest = new Map<string, string>();

  constructor(private readonly tokens: ReadonlyMap<string, string>) {
    for (const [learner, token] of tokens) this.byDigest.set(digest(token), learner);
  }

  /** The learner whose token this is, or null. */
  find(presented: string): string | null {
    const learner = this.byDigest.get(digest(presented));
    if (!learner) return null;
    return tokensEqual(presented, this.tokens.get(learner)!) ? learner : null;
  }
}

/**
 * Every upgrade check, in order: Host, Origin, path, no query string, token (learner at /ws,
 * trainer at the roster), the class has not ended, subprotocol version. The first failure wins.
 */
export function checkClassUpgrade(req: IncomingMessage, policy: ClassAuthPolicy, learners: LearnerTokens, nowMs = Date.now()): ClassAuthResult {
  const host = checkHost(req, policy);
  if (!host.ok) return host;
  const target = checkOriginAndPath(req, policy, [RunnerPath.Socket, ClassPath.Roster]);
  if (!target.ok) return target;
  const pathname = target.pathname;

  const offered = offeredSubprotocols(req);
  const tokens = offered.filter((p) => p.startsWith(Subprotocol.TokenPrefix));
  if (tokens.length !== 1) return {ok: false, code: ErrorCode.BadToken, reason: tokens.length === 0 ? 'token missing' : 'more than one token'};
  const presented = tokens[0]!.slice(Subprotocol.TokenPrefix.length);
  let who: Who;
  if (pathname === ClassPath.Roster) {
    if (!tokensEqual(presented, policy.trainerToken)) return {ok: false, code: ErrorCode.BadToken, reason: 'not the trainer token'};
    who = {kind: 'trainer'};
  } else {
    const learner = learners.find(presented);
    if (!learner) return {ok: false, code: ErrorCode.BadToken, reason: 'not a learner token of this class'};
    who = {kind: 'learner', learner};
  }
  if (nowMs >= policy.expiresAtMs) return {ok: false, code: ErrorCode.BadToken, reason: 'the class has ended'};
  const version = pathname === ClassPath.Roster ? RosterSubprotocol : Subprotocol.Version;
  if (!offered.includes(version)) return {ok: false, code: ErrorCode.ProtocolVersion, reason: `subprotocol ${version} not offered`};
  return {ok: true, who};
}

/**
 * The Host values a class runner answers: each `--public-host` (the name and port learners'
 * browsers use), plus loopback on its own port for the trainer's machine.
 */
export function classHosts(publicHosts: readonly string[], port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  for (const host of publicHosts) hosts.add(host.toLowerCase());
  return hosts;
}
