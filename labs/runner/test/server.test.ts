import assert from 'node:assert/strict';
import http from 'node:http';
import {after, before, describe, test} from 'node:test';
import WebSocket from 'ws';
import {Limits} from '../src/limits';
import {
  ClientMessageType, CloseCode, ErrorCode, PROTOCOL_VERSION, RunnerPath, ServerMessageType, clientSubprotocols,
} from '../src/protocol';
import {absolutePath, startRunner} from '../src/server';
import {ORIGIN, SCENARIOS, startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';

function get(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{status: number; headers: http.IncomingHttpHeaders; body: string}> {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, path: target, method, headers}, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body}));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('http endpoints', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner();
  });
  after(() => tr.close());

  test('GET /healthz answers ok and the protocol, without the token', async () => {
    const res = await get(tr.port, RunnerPath.Health);
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), {ok: true, protocol: PROTOCOL_VERSION});
    assert.ok(!res.body.includes(tr.token));
    assert.equal(res.headers['access-control-allow-origin'], undefined, 'no CORS without an Origin');
  });

  test('health allows CORS for an allowed origin only', async () => {
    const allowed = await get(tr.port, RunnerPath.Health, {Origin: ORIGIN});
    assert.equal(allowed.headers['access-control-allow-origin'], ORIGIN);
    const foreign = await get(tr.port, RunnerPath.Health, {Origin: 'http://evil.example'});
    assert.equal(foreign.status, 200);
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    const preflight = await get(tr.port, RunnerPath.Health, {Origin: ORIGIN}, 'OPTIONS');
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-private-network'], 'true');
  });

  test('health checks the Host header too', async () => {
    const res = await get(tr.port, RunnerPath.Health, {Host: 'evil.example'});
    assert.equal(res.status, 403);
    assert.equal(res.body.trim(), ErrorCode.BadHost);
  });

  test('everything else over HTTP is 404', async () => {
    for (const [target, method] of [['/', 'GET'], ['/ws', 'GET'], ['/healthz', 'POST'], ['/healthz/../etc', 'GET']] as const) {
      assert.equal((await get(tr.port, target, {}, method)).status, 404, `${method} ${target}`);
    }
  });
});

describe('socket limits', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner({maxSessions: 2});
  });
  after(() => tr.close());

  test('a frame over maxPayload closes the socket with 1009 and the runner carries on', async () => {
    const client = await TestClient.start(tr);
    client.input('x'.repeat(Limits.maxPayloadBytes + 1));
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.MessageTooBig);
    await waitUntil(() => tr.runner.activeSessions() === 0, 'session cleanup');
    const next = await TestClient.start(tr);
    assert.match(await next.run('echo still-serving'), /still-serving/);
    await next.close();
  });

  test('an oversized control message is refused but the session goes on', async () => {
    const client = await TestClient.start(tr);
    client.ws.send(JSON.stringify({t: ClientMessageType.Probe, pad: 'x'.repeat(Limits.maxControlMessageBytes)}));
    const error = await client.waitForMessage((m) => m.t === ServerMessageType.Error, 'error');
    assert.ok(error.t === ServerMessageType.Error && error.code === ErrorCode.BadMessage && !error.fatal);
    assert.match(await client.run('echo alive'), /alive/);
    await client.close();
  });

  test('one session past the maximum is refused with a code', async () => {
    await waitUntil(() => tr.runner.activeSessions() === 0, 'earlier sessions to close');
    const first = await TestClient.start(tr);
    const second = await TestClient.start(tr);
    const third = await TestClient.connect(tr, {acceptLanguage: 'ko-KR,ko;q=0.9,en;q=0.8'});
    const closed = await third.closed;
    assert.equal(closed.code, CloseCode.TooManySessions);
    const error = third.messages.find((m) => m.t === ServerMessageType.Error);
    assert.ok(error && error.t === ServerMessageType.Error);
    assert.equal(error.code, ErrorCode.TooManySessions);
    assert.ok(error.fatal);
    assert.match(error.message, /세션 2개/, 'translated from Accept-Language before hello');
    assert.ok(tr.logs.some((l) => l.event === 'session.refused' && l.limit === 2));
    await Promise.all([first.close(), second.close()]);
  });
});

describe('heartbeat', () => {
  test('a peer that stops answering pings is terminated', async () => {
    // A short interval of its own: on a loaded machine it could cut healthy sockets in other tests.
    const tr = await startTestRunner({heartbeatIntervalMs: 150});
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${tr.port}${RunnerPath.Socket}`, clientSubprotocols(tr.token), {origin: ORIGIN, autoPong: false});
      ws.on('error', () => {});
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      await new Promise((resolve) => ws.once('open', resolve));
      // ws reports 1006 locally when the server drops the TCP connection without a close frame.
      assert.equal(await closed, 1006);
      assert.ok(tr.logs.some((l) => l.event === 'socket.dead'));
    } finally {
      await tr.close();
    }
  });
});

describe('runner lifecycle', () => {
  test('refuses a non-loopback host', async () => {
    await assert.rejects(
      startRunner({host: '0.0.0.0', port: 0, token: 'a'.repeat(64), origins: [], labsDir: SCENARIOS, kubeconfigPath: '/nonexistent', labContext: 'x'}),
      /non-loopback/,
    );
  });

  test('close() ends open sessions with 4503 and a shutdown error', async () => {
    const tr = await startTestRunner();
    const client = await TestClient.start(tr);
    await tr.close();
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.Shutdown);
    assert.ok(client.messages.some((m) => m.t === ServerMessageType.Error && m.code === ErrorCode.Shutdown));
  });

  test('the shell PATH keeps only absolute entries', () => {
    assert.equal(absolutePath(['/usr/bin', '.', 'bin', '/bin', ''].join(':')), '/usr/bin:/bin');
  });
});
