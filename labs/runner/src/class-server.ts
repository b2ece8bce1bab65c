/**
 * The runner of a class: one process for every learner, reachable beyond loopback only over TLS.
 *
 * The wire protocol, flow control, limits and messages are local mode's (session.ts is the same
 * code); what differs is who may connect (class-auth.ts: exact Host and Origin, one token per
 * learner, the trainer's token only for the roster), where a session runs (the learner's toolbox
 * Pod, pod-host.ts, chosen here and nowhere else) and that progress feeds the trainer's roster.
 *
 *     GET  /healthz        as in local mode
 *     WS   /ws             a learner's lab session (subprotocols k8slab.v1 + the learner's token)
 *     WS   /class/roster   the trainer's live roster (k8slab.roster.v1 + the trainer's token)
 */
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type {Duplex} from 'node:stream';
import type {KubeConfig} from '@kubernetes/client-node';
import {WebSocketServer, type WebSocket} from 'ws';
import {checkHost} from './auth.ts';
import {checkClassUpgrade, classHosts, LearnerTokens, type ClassAuthPolicy, type Who} from './class-auth.ts';
import {ToolboxProbe} from './class-probe.ts';
import type {ProbeSource} from './env-probe.ts';
import {awaitHello, refuseSocket} from './hello-gate.ts';
import {localeFromAcceptLanguage} from './i18n.ts';
import type {LabEntry} from './lab-catalog.ts';
import {loadLabCatalog} from './lab-loader.ts';
import {Limits} from './limits.ts';
import {answerHealth} from './health.ts';
import {SocketHeartbeat} from './socket-heartbeat.ts';
import {Logger} from './log.ts';
import {adoptUpgradedSocket} from './output-frames.ts';
import {refuseUpgrade} from './upgrade-refusal.ts';
import {PodHost, type ToolboxLayout} from './pod-host.ts';
import {
  CloseCode, ErrorCode, RosterSubprotocol, SessionStart, Subprotocol,
  type HelloMessage, type RosterLab,
} from './protocol.ts';
import {Roster} from './roster.ts';
import {Session, type SessionContext} from './session.ts';
import type {SessionHost} from './session-host.ts';

/** Hosts the runner may listen on without TLS: loopback only. */
const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** One learner as the runner needs them. */
export interface ClassLearner {
  id: string;
  /** The learner's runner token. */
  token: string;
  /** Home namespace (toolbox Pod). */
  home: string;
  /** Lab id → LAB_NAMESPACE. */
  namespaces: Record<string, string>;
  /** The learner's credentials (their TokenRequest token). */
  kubeConfig: KubeConfig;
}

/** A class, as `npm run class -- serve` hands it to the runner. */
export interface ClassDefinition {
  name: string;
  expiresAtMs: number;
  /** Lab ids of the class, in order. */
  labs: string[];
  learners: ClassLearner[];
  trainerToken: string;
}

export interface ClassRunnerOptions {
  definition: ClassDefinition;
  /** labs/scenarios on this machine (the same labs as in the toolbox image). */
  labsDir: string;
  /** Address to listen on; beyond loopback, `tls` is required. */
  host: string;
  port: number;
  tls: {cert: string; key: string} | null;
  /** Host header values learners' browsers send (`name:port`), besides loopback. */
  publicHosts: readonly string[];
  /** Exact page origins allowed. */
  origins: readonly string[];
  /** Where the roster is saved (JSON), so a restart keeps it. */
  progressFile?: string;
  log?: Logger;
  /** Sessions at once, for the whole class (default: two per learner). */
  maxSessions?: number;
  /** Sessions at once per learner (tabs): default 4. */
  maxSessionsPerLearner?: number;
  idleTimeoutMs?: number;
  absoluteTimeoutMs?: number;
  /** How long a learner's session waits for its page after the socket drops (0: ends with it). */
  resumeGraceMs?: number;
  heartbeatIntervalMs?: number;
  helloTimeoutMs?: number;
  shellKillGraceMs?: number;
  actionKillGraceMs?: number;
  /** The toolbox Pod and container names (default toolbox/toolbox). */
  pod?: {name: string; container: string};
  layout?: ToolboxLayout;
  /** Where sessions run; default: the learner's toolbox Pod. Tests hand in another host. */
  hostFor?: (learner: ClassLearner, entry: LabEntry, namespace: string, log: Logger) => SessionHost;
  /** The probe of a learner's sessions; default: their toolbox Pod's readiness. */
  probeFor?: (learner: ClassLearner) => ProbeSource;
}

export interface ClassRunner {
  readonly port: number;
  readonly roster: Roster;
  activeSessions(): number;
  close(): Promise<void>;
}

/**
 * Starts the class runner and resolves once it listens.
 * @throws When it would listen beyond loopback without TLS, or the port cannot be bound.
 */
export async function startClassRunner(options: ClassRunnerOptions): Promise<ClassRunner> {
  if (!options.tls && !LOOPBACK.has(options.host)) throw new Error(`refusing to listen on ${options.host} without TLS: pass --tls-cert and --tls-key, or let the runner make a certificate`);
  const definition = options.definition;
  const log = options.log ?? Logger.create();
  log.redact(definition.trainerToken);
  for (const learner of definition.learners) log.redact(learner.token);
  const catalog = loadLabCatalog(options.labsDir, log);
  const labs = new Map<string, LabEntry>();
  for (const id of definition.labs) {
    const entry = catalog.get(id);
    if (!entry) throw new Error(`lab ${id} of class ${definition.name} is not in ${options.labsDir}`);
    labs.set(id, entry);
  }
  const rosterLabs: RosterLab[] = [...labs.values()].map(({lab}) => ({id: lab.id, title: lab.title, tasks: lab.tasks.map((t) => ({id: t.id, title: t.title}))}));
  const roster = new Roster({
    name: definition.name, expiresAtMs: definition.expiresAtMs, labs: rosterLabs, learners: definition.learners.map((l) => l.id),
    ...(options.progressFile ? {file: options.progressFile} : {}),
  });
  const learnersById = new Map(definition.learners.map((l) => [l.id, l]));
  const tokens = new LearnerTokens(new Map(definition.learners.map((l) => [l.id, l.token])));
  const pod = options.pod ?? {name: 'toolbox', container: 'toolbox'};
  const probes = new Map<string, ProbeSource>();
  const probeFor = (learner: ClassLearner) => {
    let probe = probes.get(learner.id);
    if (!probe) {
      probe = options.probeFor?.(learner) ?? new ToolboxProbe({kc: learner.kubeConfig, namespace: learner.home, pod: pod.name});
      probes.set(learner.id, probe);
    }
    return probe;
  };
  const hostFor = options.hostFor ?? ((learner: ClassLearner, entry: LabEntry, namespace: string, sessionLog: Logger) =>
    new PodHost({
      kc: learner.kubeConfig, namespace: learner.home, pod: pod.name, container: pod.container, entry, labNamespace: namespace,
      log: sessionLog, ...(options.layout ? {layout: options.layout} : {}),
    }));

  const maxSessions = options.maxSessions ?? Math.max(8, definition.learners.length * 2);
  const perLearner = options.maxSessionsPerLearner ?? 4;
  const base = {
    labs,
    // Nothing local: a class session never reads a kubeconfig on the runner's machine.
    kubeconfigPath: '/nonexistent/class-mode',
    labContext: 'class-mode',
    toolPath: '/usr/bin:/bin',
    idleTimeoutMs: options.idleTimeoutMs ?? Limits.idleTimeoutMs,
    absoluteTimeoutMs: Math.min(options.absoluteTimeoutMs ?? Limits.absoluteTimeoutMs, Math.max(1000, definition.expiresAtMs - Date.now())),
    resumeGraceMs: options.resumeGraceMs ?? Limits.resumeGraceMs,
    helloTimeoutMs: options.helloTimeoutMs ?? Limits.helloTimeoutMs,
    shellKillGraceMs: options.shellKillGraceMs ?? Limits.shellKillGraceMs,
    actionKillGraceMs: options.actionKillGraceMs ?? Limits.actionKillGraceMs,
    maxControlMessageBytes: Limits.maxControlMessageBytes,
    maxActionOutputBytes: Limits.maxActionOutputBytes,
    // The shell runs in the toolbox Pod: the local rc file's `lab-cluster-up` is never reached.
    repoRoot: path.resolve(options.labsDir, '..', '..'),
    clusterUpEnv: {},
    log,
  } satisfies Partial<SessionContext>;

  /** Open sessions and whose they are. */
  const sessions = new Map<Session, string>();
  /** Resume ids per learner: a learner's hello can only ever find that learner's own sessions. */
  const resumable = new Map<string, Map<string, Session>>();
  /** Learner sockets past the upgrade still waiting for their `hello`. */
  const greeting = new Set<WebSocket>();
  const live = (): Session[] => [...sessions.keys()].filter((s) => !s.isClosed);
  const liveOf = (learner: string): Session[] => live().filter((s) => sessions.get(s) === learner);
  const heartbeat = new SocketHeartbeat(options.heartbeatIntervalMs ?? Limits.heartbeatIntervalMs, log);
  const wss = new WebSocketServer({
    noServer: true, maxPayload: Limits.maxPayloadBytes, perMessageDeflate: false, skipUTF8Validation: true, clientTracking: false,
    handleProtocols: (offered) => (offered.has(Subprotocol.Version) ? Subprotocol.Version : offered.has(RosterSubprotocol) ? RosterSubprotocol : false),
  });
  const origins = new Set(options.origins);
  let policy: ClassAuthPolicy = {
    hosts: new Set(), origins, learnerTokens: new Map(definition.learners.map((l) => [l.id, l.token])),
    trainerToken: definition.trainerToken, expiresAtMs: definition.expiresAtMs,
  };
  const server = options.tls ? https.createServer({cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2'}) : http.createServer();

  server.on('request', (req, res) => {
    res.on('error', () => {});
    if (!checkHost(req, policy).ok) {
      log.warn('http.refused', {reason: 'host not allowed', host: req.headers.host, allowed: [...policy.hosts]});
      res.writeHead(403, {'Content-Type': 'text/plain; charset=utf-8'}).end(`${ErrorCode.BadHost}\n`);
      return;
    }
    answerHealth(req, res, {origins, privateNetwork: false});
  });

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.debug('upgrade.socket-error', {error}));
    const result = checkClassUpgrade(req, policy, tokens);
    if (!result.ok) {
      log.warn('upgrade.refused', {
        reason: result.reason, code: result.code, remote: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
        host: req.headers.host, origin: req.headers.origin, path: (req.url ?? '').split('?')[0],
      });
      refuseUpgrade(socket, result.code);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      adoptUpgradedSocket(ws, socket);
      onConnection(ws, req, result.who);
    });
  });

  function onConnection(ws: WebSocket, req: http.IncomingMessage, who: Who): void {
    heartbeat.track(ws);
    if (who.kind === 'trainer') {
      ws.on('error', () => {});
      ws.send(JSON.stringify(roster.snapshot()));
      const unsubscribe = roster.subscribe((update) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(update));
      });
      ws.on('close', unsubscribe);
      // The roster only listens; anything the page sends is ignored.
      log.info('roster.open', {remote: req.socket.remoteAddress});
      return;
    }
    const learner = learnersById.get(who.learner)!;
    const locale = localeFromAcceptLanguage(req.headers['accept-language']);
    // A session logs its own socket's errors; this keeps any socket's 'error' from being unhandled.
    ws.on('error', (error) => log.debug('socket.error', {error}));
    // Sessions waiting for their page do not count here: a new one may take the place of the oldest.
    const busy = live().filter((s) => s.isAttached).length + greeting.size;
    if (busy >= maxSessions) {
      log.warn('session.refused', {reason: 'too many sessions', learner: learner.id, active: busy, limit: maxSessions});
      refuseSocket(ws, ErrorCode.TooManySessions, locale, {max: maxSessions});
      return;
    }
    greeting.add(ws);
    awaitHello(
      ws,
      {locale, helloTimeoutMs: base.helloTimeoutMs, maxControlMessageBytes: base.maxControlMessageBytes, log},
      (hello) => onHello(ws, req, learner, hello),
      () => greeting.delete(ws),
    );
  }

  /** A learner's `hello`: resume (or take over) one of their own sessions, or start one. */
  function onHello(ws: WebSocket, req: http.IncomingMessage, learner: ClassLearner, hello: HelloMessage): void {
    const entry = labs.get(hello.lab);
    if (!entry) {
      log.warn('session.refused', {reason: 'unknown lab', learner: learner.id, lab: hello.lab});
      refuseSocket(ws, ErrorCode.UnknownLab, hello.locale, {lab: hello.lab});
      return;
    }
    const mine = resumable.get(learner.id);
    if (hello.resumeId !== undefined) {
      const known = mine?.get(hello.resumeId);
      if (known && !known.isClosed && known.entry.lab.id === hello.lab) {
        log.info('session.resume', {session: known.id, learner: learner.id, attached: known.isAttached});
        known.attach(ws, hello);
        return;
      }
      log.info('session.resume-missed', {learner: learner.id, lab: hello.lab, reason: known ? 'another lab' : 'no such session'});
    }
    const limit = makeRoom(learner.id);
    if (limit !== null) {
      log.warn('session.refused', {reason: 'too many sessions', learner: learner.id, active: live().length, mine: liveOf(learner.id).length, limit});
      refuseSocket(ws, ErrorCode.TooManySessions, hello.locale, {max: limit});
      return;
    }
    const sessionLog = log.child({learner: learner.id});
    const namespace = learner.namespaces[entry.lab.id]!;
    const ctx: SessionContext = {
      ...base,
      log: sessionLog,
      probe: probeFor(learner),
      createHost: (hostLog) => hostFor(learner, entry, namespace, hostLog),
      namespaceFor: (labId) => learner.namespaces[labId]!,
      progress: roster.forLearner(learner.id),
    };
    const session = new Session(ctx, entry, hello.locale, (s) => {
      sessions.delete(s);
      resumable.get(learner.id)?.delete(s.resumeId);
    });
    sessions.set(session, learner.id);
    if (mine) mine.set(session.resumeId, session);
    else resumable.set(learner.id, new Map([[session.resumeId, session]]));
    sessionLog.info('session.open', {session: session.id, lab: hello.lab, remote: req.socket.remoteAddress, active: live().length});
    session.attach(ws, hello, hello.resumeId === undefined ? SessionStart.New : SessionStart.Expired);
  }

  /**
   * Ends sessions that have waited longest for their page until one more fits: the learner's own
   * for the per-learner limit, anyone's for the class's.
   * @returns null when there is room, else the limit that is full.
   */
  function makeRoom(learner: string): number | null {
    const evictFrom = (open: () => Session[], limit: number): boolean => {
      let current = open();
      while (current.length >= limit) {
        const oldest = current.filter((s) => s.detachedAtMs !== null).sort((a, b) => a.detachedAtMs! - b.detachedAtMs!)[0];
        if (!oldest) return false;
        log.info('session.evicted', {session: oldest.id, reason: 'a new session needed its place', limit});
        void oldest.close(CloseCode.Normal);
        current = open();
      }
      return true;
    };
    if (!evictFrom(() => liveOf(learner), perLearner)) return perLearner;
    if (!evictFrom(live, maxSessions)) return maxSessions;
    return null;
  }

  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('tlsClientError', (error) => log.debug('tls.client-error', {error}));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  policy = {...policy, hosts: classHosts(options.publicHosts, port)};
  log.info('class.listening', {host: options.host, port, tls: Boolean(options.tls), hosts: [...policy.hosts], origins: [...origins], learners: definition.learners.length, labs: labs.size});

  let closing: Promise<void> | null = null;
  return {
    port,
    roster,
    activeSessions: () => live().length,
    close() {
      closing ??= (async () => {
        heartbeat.stop();
        server.close();
        const pending = [...sessions.keys()].map((s) => s.close(CloseCode.Shutdown, ErrorCode.Shutdown));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, Limits.shutdownGraceMs)))]);
        clearTimeout(timer);
        heartbeat.terminateAll();
        server.closeAllConnections();
        wss.close();
        roster.save();
        log.info('runner.stopped');
      })();
      return closing;
    },
  };
}
