/**
 * The runner's HTTP server: `GET /healthz`, WebSocket upgrades at `/ws` (authenticated in the
 * upgrade handler, before any session exists), the session limit and the heartbeat. Everything
 * else is 404. Listens on loopback only.
 */
import http from 'node:http';
import type {Duplex} from 'node:stream';
import path from 'node:path';
import {WebSocketServer, type WebSocket} from 'ws';
import {allowedHosts, checkHost, checkUpgrade, type AuthPolicy} from './auth';
import {EnvProbe} from './env-probe';
import {errorText, localeFromAcceptLanguage, translator} from './i18n';
import {loadLabCatalog} from './lab-catalog';
import {Limits} from './limits';
import {Logger} from './log';
import {
  CloseCode, ERROR_HTTP_STATUS, ErrorCode, PROTOCOL_VERSION, RunnerPath, ServerMessageType, Subprotocol,
  type HealthResponse,
} from './protocol';
import {Session, type SessionContext} from './session';
import {sendText} from './session-io';

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
  log?: Logger;
}

export interface Runner {
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** Sessions not yet closed. */
  activeSessions(): number;
  /** Closes every session (4503), waits for their cleanup (bounded) and stops listening. */
  close(): Promise<void>;
}

/** This process's PATH without relative entries, which would make `kubectl` depend on the cwd. */
export function absolutePath(envPath: string | undefined): string {
  return (envPath ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir)).join(path.delimiter);
}

function refuseUpgrade(socket: Duplex, code: ErrorCode): void {
  const status = ERROR_HTTP_STATUS[code] ?? 400;
  const body = `${code}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
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
    labs: loadLabCatalog(options.labsDir, log),
    probe: new EnvProbe({
      path: toolPath, kubeconfigPath: options.kubeconfigPath, labContext: options.labContext,
      ...(options.probeCacheMs !== undefined ? {cacheMs: options.probeCacheMs} : {}),
    }),
    kubeconfigPath: options.kubeconfigPath,
    labContext: options.labContext,
    toolPath,
    idleTimeoutMs: options.idleTimeoutMs ?? Limits.idleTimeoutMs,
    absoluteTimeoutMs: options.absoluteTimeoutMs ?? Limits.absoluteTimeoutMs,
    helloTimeoutMs: options.helloTimeoutMs ?? Limits.helloTimeoutMs,
    shellKillGraceMs: options.shellKillGraceMs ?? Limits.shellKillGraceMs,
    actionKillGraceMs: options.actionKillGraceMs ?? Limits.actionKillGraceMs,
    maxControlMessageBytes: Limits.maxControlMessageBytes,
    maxActionOutputBytes: Limits.maxActionOutputBytes,
    ...(options.tmpDir ? {tmpDir: options.tmpDir} : {}),
    log,
  };
  const sessions = new Set<Session>();
  const alive = new WeakMap<WebSocket, boolean>();
  const sockets = new Set<WebSocket>();
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
    const pathname = (req.url ?? '').split('?')[0];
    if (!hostCheck.ok) {
      log.warn('http.refused', {reason: hostCheck.reason, remote, host: req.headers.host, allowed: [...policy.hosts]});
      res.writeHead(403, {'Content-Type': 'text/plain; charset=utf-8'}).end(`${ErrorCode.BadHost}\n`);
      return;
    }
    if (pathname !== RunnerPath.Health || !['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? '')) {
      res.writeHead(404, {'Content-Type': 'text/plain; charset=utf-8'}).end(`${ErrorCode.NotFound}\n`);
      return;
    }
    const headers: http.OutgoingHttpHeaders = {'Cache-Control': 'no-store', Vary: 'Origin'};
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      headers['Access-Control-Allow-Origin'] = origin;
      // Chrome asks before a page reaches a loopback address from a less private one.
      if (req.method === 'OPTIONS') headers['Access-Control-Allow-Private-Network'] = 'true';
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {...headers, 'Access-Control-Allow-Methods': 'GET'}).end();
      return;
    }
    const body: HealthResponse = {ok: true, protocol: PROTOCOL_VERSION};
    res.writeHead(200, {...headers, 'Content-Type': 'application/json'}).end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
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
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req));
  });

  function onConnection(ws: WebSocket, req: http.IncomingMessage): void {
    const locale = localeFromAcceptLanguage(req.headers['accept-language']);
    sockets.add(ws);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', () => sockets.delete(ws));
    const active = [...sessions].filter((s) => !s.isClosed).length;
    if (active >= maxSessions) {
      ws.on('error', () => {});
      log.warn('session.refused', {reason: 'too many sessions', active, limit: maxSessions});
      sendText(ws, {
        t: ServerMessageType.Error, code: ErrorCode.TooManySessions, fatal: true,
        message: errorText(translator(locale), ErrorCode.TooManySessions, {max: maxSessions}),
      });
      ws.close(CloseCode.TooManySessions, ErrorCode.TooManySessions);
      return;
    }
    const session = new Session(ws, ctx, locale, (s) => sessions.delete(s));
    sessions.add(session);
    log.info('session.open', {session: session.id, remote: `${req.socket.remoteAddress}:${req.socket.remotePort}`, active: active + 1});
  }

  const heartbeat = setInterval(() => {
    for (const ws of sockets) {
      if (!alive.get(ws)) {
        log.warn('socket.dead', {reason: 'no pong within heartbeat interval', limitMs: heartbeatIntervalMs});
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, heartbeatIntervalMs);
  heartbeat.unref();

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
    activeSessions: () => [...sessions].filter((s) => !s.isClosed).length,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
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
        for (const ws of sockets) ws.terminate();
        server.closeAllConnections();
        wss.close();
        log.info('runner.stopped');
      })();
      return closing;
    },
  };
}
