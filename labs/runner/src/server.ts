/**
 * The runner's HTTP server: `GET /healthz`, WebSocket upgrades at `/ws` (authenticated in the
 * upgrade handler, before any session exists), the session registry (new sessions, resumes and
 * takeovers by resume id), the session limit and the heartbeat. Everything else is 404. Listens
 * on loopback only.
 */
import http from 'node:http';
import type {Duplex} from 'node:stream';
import path from 'node:path';
import {WebSocketServer, type WebSocket} from 'ws';
import {allowedHosts, checkHost, checkUpgrade, type AuthPolicy} from './auth.ts';
import {EnvProbe} from './env-probe.ts';
import {awaitHello, refuseSocket} from './hello-gate.ts';
import {localeFromAcceptLanguage} from './i18n.ts';
import {loadLabCatalogInChild, type LabEntry} from './lab-catalog.ts';
import {Limits} from './limits.ts';
import {LocalHost} from './local-host.ts';
import {adoptUpgradedSocket} from './output-frames.ts';
import {answerHealth} from './health.ts';
import {SocketHeartbeat} from './socket-heartbeat.ts';
import {Logger} from './log.ts';
import {refuseUpgrade} from './upgrade-refusal.ts';
import {
  CloseCode, ErrorCode, PROTOCOL_VERSION, SessionStart, Subprotocol,
  type HelloMessage,
} from './protocol.ts';
import {REPO_ROOT} from './repo-root.ts';
import {Session, type SessionContext} from './session.ts';
import type {SessionHost} from './session-host.ts';
import {clusterUpEnv} from './shell-rc.ts';

/** Hosts the runner may listen on: loopback only, because a shell must not be reachable from the network. */
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;

export interface RunnerOptions {
  /** Default 127.0.0.1; anything not loopback is refused. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Hex token the client must offer as a subprotocol. */
  token: string;
  /** Exact page origins allowed to connect (normalised, see auth.normaliseOrigin). */
  origins: readonly string[];
  /** Folder of lab scenarios (the lab-id allow-list). */
  labsDir: string;
  /** Lab cluster kubeconfig; the only one the runner ever reads. */
  kubeconfigPath: string;
  /** The only kube context accepted as the lab cluster. */
  labContext: string;
  maxSessions?: number;
  idleTimeoutMs?: number;
  absoluteTimeoutMs?: number;
  /** How long a session whose socket dropped waits for its page (default Limits.resumeGraceMs; 0: not at all). */
  resumeGraceMs?: number;
  heartbeatIntervalMs?: number;
  helloTimeoutMs?: number;
  shellKillGraceMs?: number;
  actionKillGraceMs?: number;
  /** How long probe results are reused, in ms (default Limits.probeCacheMs). */
  probeCacheMs?: number;
  /** PATH for shells, scripts and probe commands (default: the absolute entries of this process's PATH). */
  toolPath?: string;
  /** Parent folder of session folders (default: the OS temp folder). */
  tmpDir?: string;
  /** The checkout the shell's `lab-cluster-up` works in (default: this runner's). */
  repoRoot?: string;
  /** Where sessions run (default: {@link LocalHost}, a PTY and child processes here). */
  createHost?: (log: Logger) => SessionHost;
  log?: Logger;
}

export interface Runner {
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** The labs served, by id. */
  readonly labs: ReadonlyMap<string, LabEntry>;
  /** Sessions not yet closed, with a socket or waiting for one. */
  activeSessions(): number;
  /** Sessions waiting for their page to come back (no socket). */
  detachedSessions(): number;
  /** Closes every session (4503), waits for their cleanup (bounded) and stops listening. */
  close(): Promise<void>;
}

/** This process's PATH without relative entries, which would make `kubectl` depend on the cwd. */
export function absolutePath(envPath: string | undefined): string {
  return (envPath ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir)).join(path.delimiter);
}

/**
 * Loads the labs, starts listening and resolves once the port is bound.
 * @throws When the host is not loopback or the port cannot be bound.
 */
export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const host = options.host ?? '127.0.0.1';
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) throw new Error(`refusing non-loopback host ${host}`);
  const log = options.log ?? Logger.create();
  log.redact(options.token);
  const maxSessions = options.maxSessions ?? Limits.maxSessions;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? Limits.heartbeatIntervalMs;
  const toolPath = options.toolPath ?? absolutePath(process.env.PATH);
  const origins = new Set(options.origins);

  const ctx: SessionContext = {
    labs: await loadLabCatalogInChild(options.labsDir, log),
    probe: new EnvProbe({
      path: toolPath, kubeconfigPath: options.kubeconfigPath, labContext: options.labContext,
      ...(options.probeCacheMs !== undefined ? {cacheMs: options.probeCacheMs} : {}),
    }),
    kubeconfigPath: options.kubeconfigPath,
    labContext: options.labContext,
    toolPath,
    idleTimeoutMs: options.idleTimeoutMs ?? Limits.idleTimeoutMs,
    absoluteTimeoutMs: options.absoluteTimeoutMs ?? Limits.absoluteTimeoutMs,
    resumeGraceMs: options.resumeGraceMs ?? Limits.resumeGraceMs,
    helloTimeoutMs: options.helloTimeoutMs ?? Limits.helloTimeoutMs,
    shellKillGraceMs: options.shellKillGraceMs ?? Limits.shellKillGraceMs,
    actionKillGraceMs: options.actionKillGraceMs ?? Limits.actionKillGraceMs,
    maxControlMessageBytes: Limits.maxControlMessageBytes,
    maxActionOutputBytes: Limits.maxActionOutputBytes,
    ...(options.tmpDir ? {tmpDir: options.tmpDir} : {}),
    repoRoot: options.repoRoot ?? REPO_ROOT,
    clusterUpEnv: clusterUpEnv(process.env),
    createHost: options.createHost ?? ((sessionLog) => new LocalHost({log: sessionLog, shellKillGraceMs: ctx.shellKillGraceMs})),
    log,
  };
  const sessions = new Set<Session>();
  const byResumeId = new Map<string, Session>();
  /** Sockets past the upgrade still waiting for their `hello`. */
  const greeting = new Set<WebSocket>();
  const live = (): Session[] => [...sessions].filter((s) => !s.isClosed);
  const heartbeat = new SocketHeartbeat(heartbeatIntervalMs, log);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Limits.maxPayloadBytes,
    // PTY bytes are mostly small and already interactive; compression would cost latency and CPU.
    perMessageDeflate: false,
    // Text frames are parsed as JSON anyway; invalid UTF-8 then fails as a malformed message with
    // the runner's own code, instead of ws closing with 1007.
    skipUTF8Validation: true,
    clientTracking: false,
    handleProtocols: (offered) => (offered.has(Subprotocol.Version) ? Subprotocol.Version : false),
  });
  const server = http.createServer();
  let policy: AuthPolicy = {hosts: new Set(), origins, token: options.token};

  server.on('request', (req, res) => {
    res.on('error', () => {});
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    const hostCheck = checkHost(req, policy);
    if (!hostCheck.ok) {
      log.warn('http.refused', {reason: hostCheck.reason, remote, host: req.headers.host, allowed: [...policy.hosts]});
      res.writeHead(403, {'Content-Type': 'text/plain; charset=utf-8'}).end(`${ErrorCode.BadHost}\n`);
      return;
    }
    answerHealth(req, res, {origins, privateNetwork: true});
  });

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.debug('upgrade.socket-error', {error}));
    const result = checkUpgrade(req, policy);
    if (!result.ok) {
      const limit = result.code === ErrorCode.BadHost ? [...policy.hosts] : result.code === ErrorCode.BadOrigin ? [...origins] : undefined;
      log.warn('upgrade.refused', {
        reason: result.reason, code: result.code, remote: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
        host: req.headers.host, origin: req.headers.origin, ...(limit ? {allowed: limit} : {}),
      });
      refuseUpgrade(socket, result.code);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      adoptUpgradedSocket(ws, socket);
      onConnection(ws, req);
    });
  });

  function onConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const locale = localeFromAcceptLanguage(req.headers['accept-language']);
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    heartbeat.track(ws);
    // A session logs its own socket's errors; this keeps any socket's 'error' from being unhandled.
    ws.on('error', (error) => log.debug('socket.error', {error}));
    // Sessions waiting for their page do not count here: a new one may take the place of the oldest.
    const busy = live().filter((s) => s.isAttached).length + greeting.size;
    if (busy >= maxSessions) {
      log.warn('session.refused', {reason: 'too many sessions', active: busy, limit: maxSessions});
      refuseSocket(ws, ErrorCode.TooManySessions, locale, {max: maxSessions});
      return;
    }
    greeting.add(ws);
    log.info('socket.open', {remote, active: busy + 1});
    awaitHello(
      ws,
      {locale, helloTimeoutMs: ctx.helloTimeoutMs, maxControlMessageBytes: ctx.maxControlMessageBytes, log},
      (hello) => onHello(ws, hello),
      () => greeting.delete(ws),
    );
  }

  /** A `hello`: resume the session it names, or start one (making room if the runner is full). */
  function onHello(ws: WebSocket, hello: HelloMessage): void {
    const entry = ctx.labs.get(hello.lab);
    if (!entry) {
      log.warn('session.refused', {reason: 'unknown lab', lab: hello.lab});
      refuseSocket(ws, ErrorCode.UnknownLab, hello.locale, {lab: hello.lab});
      return;
    }
    if (hello.resumeId !== undefined) {
      const known = byResumeId.get(hello.resumeId);
      if (known && !known.isClosed && known.entry.lab.id === hello.lab) {
        log.info('session.resume', {session: known.id, attached: known.isAttached});
        known.attach(ws, hello);
        return;
      }
      log.info('session.resume-missed', {lab: hello.lab, reason: known ? 'another lab' : 'no such session'});
    }
    if (!makeRoom()) {
      log.warn('session.refused', {reason: 'too many sessions', active: live().length, limit: maxSessions});
      refuseSocket(ws, ErrorCode.TooManySessions, hello.locale, {max: maxSessions});
      return;
    }
    const session = new Session(ctx, entry, hello.locale, (s) => {
      sessions.delete(s);
      byResumeId.delete(s.resumeId);
    });
    sessions.add(session);
    byResumeId.set(session.resumeId, session);
    log.info('session.open', {session: session.id, lab: hello.lab, active: live().length});
    session.attach(ws, hello, hello.resumeId === undefined ? SessionStart.New : SessionStart.Expired);
  }

  /** Ends the sessions that have waited longest for their page until a new one fits. */
  function makeRoom(): boolean {
    let open = live();
    while (open.length >= maxSessions) {
      const waiting = open.filter((s) => s.detachedAtMs !== null).sort((a, b) => a.detachedAtMs! - b.detachedAtMs!);
      const oldest = waiting[0];
      if (!oldest) return false;
      log.info('session.evicted', {session: oldest.id, reason: 'a new session needed its place', limit: maxSessions});
      void oldest.close(CloseCode.Normal);
      open = live();
    }
    return true;
  }

  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('server.error', {error}));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  policy = {...policy, hosts: allowedHosts(port)};
  log.info('runner.listening', {host, port, protocol: PROTOCOL_VERSION, origins: [...origins], labs: ctx.labs.size, maxSessions});

  let closing: Promise<void> | null = null;
  return {
    port,
    host,
    labs: ctx.labs,
    activeSessions: () => live().length,
    detachedSessions: () => live().filter((s) => !s.isAttached).length,
    close() {
      closing ??= (async () => {
        heartbeat.stop();
        server.close();
        const pending = [...sessions].map((s) => s.close(CloseCode.Shutdown, ErrorCode.Shutdown));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.all(pending),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, Limits.shutdownGraceMs);
          }),
        ]);
        clearTimeout(timer);
        // A client that never answers the close handshake must not keep the process alive.
        heartbeat.terminateAll();
        server.closeAllConnections();
        wss.close();
        log.info('runner.stopped');
      })();
      return closing;
    },
  };
}
