/**
 * The class runner end to end on this machine: TLS, the exact Host and Origin allow-lists,
 * per-learner tokens, the trainer's roster (and that a learner's token cannot open it), sessions
 * that run in each learner's own toolbox Pod with that learner's own token (the stand-in exec
 * endpoint grants each token one Pod, as RBAC does), and progress that survives a reconnect.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import WebSocket from 'ws';
import {createToken} from '../../runner/src/auth';
import {startClassRunner, type ClassDefinition, type ClassRunner} from '../../runner/src/class-server';
import {Logger} from '../../runner/src/log';
import {PodHost} from '../../runner/src/pod-host';
import {
  ClassPath, ClientMessageType, ErrorCode, LabAction, ProgressMessageType, RunnerPath, ServerMessageType, clientSubprotocols,
  parseRosterMessage, parseServerMessage, rosterSubprotocols, type RosterCell, type RosterMessage, type ServerMessage,
} from '../../runner/src/protocol';
import {selfSignedTls, type TlsMaterial} from '../../runner/src/tls';
import {learnerKubeConfig} from '../src/tokens';
import {until} from './until';
import {startStandin, type Standin} from './exec-standin';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const FIXTURES = path.join(REPO, 'labs', 'runner', 'test', 'fixtures', 'scenarios');
const SITE = 'https://labs.example.test';
const PUBLIC_HOST = 'runner.example.test:7654';
const RESUME_GRACE_MS = 1500;

interface Client {
  ws: WebSocket;
  messages: ServerMessage[];
  text: () => string;
  send(message: Record<string, unknown>): void;
  action(action: LabAction): Promise<ServerMessage>;
}

describe('class runner', () => {
  let standin: Standin;
  let runner: ClassRunner;
  let cert: TlsMaterial;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-class-'));
  const tokens = {l01: createToken(), l02: createToken(), trainer: createToken()};
  const layout = (learner: string) => {
    const base = path.join(root, learner);
    for (const dir of ['home', 'kubeconfig', 'state']) fs.mkdirSync(path.join(base, dir), {recursive: true});
    fs.writeFileSync(path.join(base, 'bashrc'), '');
    return {bin: path.join(REPO, 'labs', 'class', 'toolbox', 'bin'), scenarios: FIXTURES, home: path.join(base, 'home'), kubeconfigs: path.join(base, 'kubeconfig'), state: path.join(base, 'state'), bashrc: path.join(base, 'bashrc')};
  };

  const options = (extra: Record<string, unknown> = {}) => ({
    headers: {Host: PUBLIC_HOST, ...((extra.headers as Record<string, string>) ?? {})},
    origin: (extra.origin as string | undefined) ?? SITE,
    ca: cert.cert,
    servername: 'localhost',
  });

  function open(pathname: string, protocols: string[], extra: Record<string, unknown> = {}): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${runner.port}${pathname}`, protocols, options(extra));
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode} ${body.trim()}`), {status: res.statusCode, body: body.trim()})));
      });
      ws.once('error', (e) => reject(e));
    });
  }

  async function learner(token: string, lab = 'broken-file', resumeId?: string): Promise<Client> {
    const ws = await open(RunnerPath.Socket, clientSubprotocols(token));
    const messages: ServerMessage[] = [];
    let text = '';
    ws.on('message', (data: Buffer, binary) => {
      if (binary) text += data.toString('utf8');
      else {
        const parsed = parseServerMessage(data.toString('utf8'));
        if (parsed.ok) messages.push(parsed.message);
      }
    });
    ws.send(JSON.stringify({t: ClientMessageType.Hello, lab, cols: 80, rows: 24, locale: 'en', ...(resumeId ? {resumeId} : {})}));
    await until(() => messages.find((m) => m.t === ServerMessageType.Ready), 'ready');
    const client: Client = {
      ws, messages, text: () => text,
      send: (message) => ws.send(JSON.stringify(message)),
      action: async (action) => {
        const requestId = `r${Math.random().toString(36).slice(2, 10)}`;
        ws.send(JSON.stringify({t: ClientMessageType.Action, action, requestId}));
        return until(() => messages.find((m) => (m.t === ServerMessageType.ActionResult || m.t === ServerMessageType.Error) && 'requestId' in m && m.requestId === requestId), `result of ${action}`, 20_000);
      },
    };
    return client;
  }

  before(async () => {
    standin = await startStandin({protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io'], grants: {'kube-l01': 'k8s-101-l01/toolbox', 'kube-l02': 'k8s-101-l02/toolbox'}});
    cert = await selfSignedTls(path.join(root, 'tls'), ['runner.example.test', 'localhost', '127.0.0.1'], new Date(Date.now() + 86_400_000));
    const definition: ClassDefinition = {
      name: 'k8s-101', expiresAtMs: Date.now() + 3_600_000, labs: ['broken-file'], trainerToken: tokens.trainer,
      learners: (['l01', 'l02'] as const).map((id) => ({
        id, token: tokens[id], home: `k8s-101-${id}`, namespaces: {'broken-file': `k8s-101-${id}-broken-file`},
        kubeConfig: learnerKubeConfig({server: standin.url, caData: standin.caData}, {id, kubeToken: `kube-${id}`}),
      })),
    };
    // One machine plays every learner's Pod here, each in a folder of its own.
    const layouts = {l01: layout('l01'), l02: layout('l02')};
    runner = await startClassRunner({
      definition, labsDir: FIXTURES, host: '127.0.0.1', port: 0, tls: {cert: cert.cert, key: cert.key},
      publicHosts: [PUBLIC_HOST], origins: [SITE], log: Logger.silent(), progressFile: path.join(root, 'progress.json'),
      // Short, so a closed socket ends its session within the tests' waits.
      resumeGraceMs: RESUME_GRACE_MS,
      hostFor: (l, entry, namespace, log) => new PodHost({
        kc: l.kubeConfig, namespace: l.home, pod: 'toolbox', container: 'toolbox', entry, labNamespace: namespace, log,
        layout: layouts[l.id as 'l01' | 'l02'],
      }),
    });
  });
  after(async () => {
    await runner.close();
    await standin.close();
    fs.rmSync(root, {recursive: true, force: true});
  });

  test('serves TLS with the certificate whose fingerprint it printed', async () => {
    const fingerprint = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({host: '127.0.0.1', port: runner.port, ca: cert.cert, servername: 'localhost'}, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.equal(fingerprint, cert.fingerprint256);
  });

  test('refuses to listen beyond loopback without TLS', async () => {
    await assert.rejects(
      startClassRunner({definition: {name: 'x', expiresAtMs: Date.now() + 1000, labs: [], learners: [], trainerToken: createToken()}, labsDir: FIXTURES, host: '0.0.0.0', port: 0, tls: null, publicHosts: [], origins: [SITE]}),
      /without TLS/,
    );
  });

  test('upgrade checks: Host, Origin, token in query, unknown token, trainer token at /ws, learner token at the roster', async () => {
    const refused = async (pathname: string, protocols: string[], extra: Record<string, unknown> = {}) => {
      const error = (await open(pathname, protocols, extra).then((ws) => {
        ws.terminate();
        return null;
      }, (e: unknown) => e)) as {status: number; body: string} | null;
      assert.ok(error, `${pathname} was accepted`);
      return `${error.status} ${error.body}`;
    };
    assert.equal(await refused(RunnerPath.Socket, clientSubprotocols(tokens.l01), {headers: {Host: 'evil.example:7654'}}), `403 ${ErrorCode.BadHost}`);
    assert.equal(await refused(RunnerPath.Socket, clientSubprotocols(tokens.l01), {origin: 'https://evil.example'}), `403 ${ErrorCode.BadOrigin}`);
    assert.equal(await refused(`${RunnerPath.Socket}?token=${tokens.l01}`, clientSubprotocols(tokens.l01)), `401 ${ErrorCode.TokenInQuery}`);
    assert.equal(await refused(RunnerPath.Socket, clientSubprotocols(createToken())), `401 ${ErrorCode.BadToken}`);
    assert.equal(await refused(RunnerPath.Socket, clientSubprotocols(tokens.trainer)), `401 ${ErrorCode.BadToken}`, 'the trainer token opens no shell');
    assert.equal(await refused(ClassPath.Roster, rosterSubprotocols(tokens.l01)), `401 ${ErrorCode.BadToken}`, 'a learner token cannot read the roster');
    assert.equal(await refused(ClassPath.Roster, clientSubprotocols(tokens.trainer)), `400 ${ErrorCode.ProtocolVersion}`);
  });

  test("each learner's shell and scripts run in their own Pod, with their own token", async () => {
    const a = await learner(tokens.l01);
    const b = await learner(tokens.l02);
    const ready = a.messages.find((m) => m.t === ServerMessageType.Ready) as Extract<ServerMessage, {t: 'ready'}>;
    assert.equal(ready.namespace, 'k8s-101-l01-broken-file');
    a.ws.send(Buffer.from('echo "ns=$LAB_NAMESPACE"\r'));
    await until(() => /ns=k8s-101-l01-broken-file/.test(a.text()), "A's shell");
    const setup = await b.action(LabAction.Setup);
    assert.ok(setup.t === ServerMessageType.ActionResult && setup.ok, JSON.stringify(setup));
    const byNamespace = standin.execs.map((e) => e.namespace);
    assert.ok(byNamespace.includes('k8s-101-l01') && byNamespace.includes('k8s-101-l02'));
    assert.equal(standin.refusals.length, 0, 'no exec was refused: each token went to its own Pod');
    a.ws.close();
    b.ws.close();
    await until(() => runner.roster.snapshot().cells.every((c) => c.connected === 0), 'both sessions to end', 20_000);
  });

  test('the roster: snapshot, live updates from checks, hints and the solution, and a reconnect continues the row', async () => {
    const trainer = await open(ClassPath.Roster, rosterSubprotocols(tokens.trainer));
    const roster: RosterMessage[] = [];
    trainer.on('message', (data: Buffer) => {
      const parsed = parseRosterMessage(data.toString('utf8'));
      if (parsed) roster.push(parsed);
    });
    const snapshot = await until(() => roster.find((m) => m.t === 'roster'), 'the snapshot');
    assert.ok(snapshot.t === 'roster');
    assert.deepEqual(snapshot.learners, ['l01', 'l02']);
    assert.deepEqual(snapshot.labs.map((l) => l.id), ['broken-file']);
    const cell = (): RosterCell | undefined => [...roster].reverse().flatMap((m) => (m.t === 'roster-update' && m.cell.learner === 'l01' ? [m.cell] : []))[0];

    const first = await learner(tokens.l01);
    await first.action(LabAction.Reset);
    const check = await first.action(LabAction.Check);
    assert.ok(check.t === ServerMessageType.ActionResult && check.tasks?.some((t) => !t.pass));
    first.send({t: ProgressMessageType.HintOpened, task: 'fix-config', hints: 1});
    await until(() => cell()?.tasks.find((t) => t.id === 'fix-config')?.hints === 1, 'the hint on the roster');
    const failing = cell()!;
    assert.equal(failing.tasks.find((t) => t.id === 'fix-config')?.code, 'CONFIG_BROKEN');
    assert.ok(failing.startedAtMs !== null);
    assert.equal(failing.connected, 1);
    first.ws.close();
    await until(() => cell()?.connected === 0, 'the disconnect on the roster');

    const second = await learner(tokens.l01);
    second.send({t: ProgressMessageType.SolutionRevealed});
    await second.action(LabAction.Solution);
    await second.action(LabAction.Check);
    const done = await until(() => (cell()?.finishedAtMs ? cell() : undefined), 'the finished lab on the roster');
    assert.equal(done.connected, 1);
    assert.equal(done.solutionRevealed, true);
    assert.equal(done.solutionApplied, true);
    assert.equal(done.tasks.find((t) => t.id === 'fix-config')?.hints, 1, 'the hint from the first connection is still there');
    assert.equal(done.startedAtMs, failing.startedAtMs, 'the time spent counts from the first setup');
    assert.ok(done.tasks.every((t) => t.pass === true));
    second.ws.close();
    trainer.close();
    runner.roster.save();
    const saved = JSON.parse(fs.readFileSync(path.join(root, 'progress.json'), 'utf8')) as {cells: RosterCell[]};
    assert.ok(saved.cells.some((c) => c.learner === 'l01' && c.finishedAtMs !== null), 'progress is saved for a restart');
  });

  test("a learner resumes their own session by its resume id, never another learner's", async () => {
    type Ready = Extract<ServerMessage, {t: 'ready'}>;
    const readyOf = (c: Client) => c.messages.find((m) => m.t === ServerMessageType.Ready) as Ready;
    // The previous test's sessions end once their grace period is over.
    await until(() => runner.roster.snapshot().cells.every((c) => c.connected === 0), 'earlier sessions to end', 20_000);
    const first = await learner(tokens.l01);
    const opened = readyOf(first);
    first.ws.send(Buffer.from('echo "mark-$((6*7))"\r'));
    await until(() => /mark-42/.test(first.text()), 'the first shell');
    first.ws.close();

    const other = await learner(tokens.l02, 'broken-file', opened.resumeId);
    const otherReady = readyOf(other);
    assert.notEqual(otherReady.session, opened.session, "l02 got a session of their own, not l01's");
    assert.equal(otherReady.start, 'expired');
    assert.equal(otherReady.namespace, 'k8s-101-l02-broken-file');

    const again = await learner(tokens.l01, 'broken-file', opened.resumeId);
    const resumed = readyOf(again);
    assert.equal(resumed.session, opened.session, 'the same session continues');
    assert.equal(resumed.start, 'resumed');
    await until(() => /mark-42/.test(again.text()), 'the output from before the drop, replayed');
    const l01 = runner.roster.snapshot().cells.find((c) => c.learner === 'l01');
    assert.equal(l01?.connected, 1, 'a resumed session is still one session on the roster');
    other.ws.close();
    again.ws.close();
    await until(() => runner.roster.snapshot().cells.every((c) => c.connected === 0), 'both sessions to end', 20_000);
  });
});

describe('class runner after the class ends', () => {
  test('every token is refused once the class is over', async () => {
    const cert = await selfSignedTls(fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-tls-')), ['localhost', '127.0.0.1'], new Date(Date.now() + 86_400_000));
    const token = createToken();
    const runner = await startClassRunner({
      definition: {
        name: 'k8s-101', expiresAtMs: Date.now() + 300, labs: ['broken-file'], trainerToken: createToken(),
        learners: [{id: 'l01', token, home: 'k8s-101-l01', namespaces: {'broken-file': 'k8s-101-l01-broken-file'}, kubeConfig: learnerKubeConfig({server: 'https://127.0.0.1:1'}, {id: 'l01', kubeToken: 'x'})}],
      },
      labsDir: FIXTURES, host: '127.0.0.1', port: 0, tls: {cert: cert.cert, key: cert.key}, publicHosts: [], origins: [SITE], log: Logger.silent(),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const status = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${runner.port}${RunnerPath.Socket}`, clientSubprotocols(token), {origin: SITE, ca: cert.cert, servername: 'localhost'} as WebSocket.ClientOptions);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${body.trim()}`));
      });
      ws.on('open', () => reject(new Error('accepted after the class ended')));
      ws.on('error', () => {});
    });
    assert.equal(status, `401 ${ErrorCode.BadToken}`);
    await runner.close();
  });
});

describe('class runner, toolbox Pod not running', () => {
  test('a learner whose toolbox Pod has no node yet is told so in their language, and what to tell the trainer', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-pending-'));
    const standin = await startStandin({protocols: ['v5.channel.k8s.io'], grants: {'kube-l01': 'k8s-101-l01/toolbox'}, unscheduled: ['k8s-101-l01/toolbox']});
    const cert = await selfSignedTls(path.join(root, 'tls'), ['localhost', '127.0.0.1'], new Date(Date.now() + 86_400_000));
    const token = createToken();
    const runner = await startClassRunner({
      definition: {
        name: 'k8s-101', expiresAtMs: Date.now() + 3_600_000, labs: ['broken-file'], trainerToken: createToken(),
        learners: [{id: 'l01', token, home: 'k8s-101-l01', namespaces: {'broken-file': 'k8s-101-l01-broken-file'}, kubeConfig: learnerKubeConfig({server: standin.url, caData: standin.caData}, {id: 'l01', kubeToken: 'kube-l01'})}],
      },
      labsDir: FIXTURES, host: '127.0.0.1', port: 0, tls: {cert: cert.cert, key: cert.key}, publicHosts: [], origins: [SITE], log: Logger.silent(),
    });
    try {
      const ws = new WebSocket(`wss://127.0.0.1:${runner.port}${RunnerPath.Socket}`, clientSubprotocols(token), {origin: SITE, ca: cert.cert, servername: 'localhost'} as WebSocket.ClientOptions);
      const messages: ServerMessage[] = [];
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      ws.on('message', (data: Buffer, binary) => {
        if (binary) return;
        const parsed = parseServerMessage(data.toString('utf8'));
        if (parsed.ok) messages.push(parsed.message);
      });
      ws.on('open', () => ws.send(JSON.stringify({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: 'ko'})));
      await closed;
      const error = messages.find((m) => m.t === ServerMessageType.Error);
      assert.ok(error && error.t === ServerMessageType.Error, 'an error message before the close');
      assert.equal(error.code, ErrorCode.ToolboxNotReady);
      assert.match(error.message, /Pending/);
      assert.match(error.message, /강사/);
      assert.doesNotMatch(error.message, /host assigned|HTTP 400/);
      assert.deepEqual(standin.refusals.map((r) => r.status), [400]);
    } finally {
      await runner.close();
      await standin.close();
      fs.rmSync(root, {recursive: true, force: true});
    }
  });
});
