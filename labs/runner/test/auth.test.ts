import assert from 'node:assert/strict';
import type {IncomingMessage} from 'node:http';
import {after, before, describe, test} from 'node:test';
import {allowedHosts, checkUpgrade, createToken, normaliseOrigin, tokensEqual, TOKEN_PATTERN} from '../src/auth';
import {ErrorCode, Subprotocol} from '../src/protocol';
import {connectRefused, ORIGIN, startTestRunner, TestClient, type TestRunner} from './helpers';

describe('auth units', () => {
  test('tokens are 256 random bits in hex', () => {
    const a = createToken();
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.match(a, TOKEN_PATTERN);
    assert.notEqual(a, createToken());
  });

  test('tokensEqual compares exactly, including length', () => {
    const token = createToken();
    assert.ok(tokensEqual(token, token));
    assert.ok(!tokensEqual(token.slice(0, -1), token));
    assert.ok(!tokensEqual(`${token}0`, token));
    assert.ok(!tokensEqual(token.toUpperCase(), token));
    assert.ok(!tokensEqual('', token));
  });

  test('origins normalise to what a browser sends', () => {
    assert.equal(normaliseOrigin('http://localhost:3000/'), 'http://localhost:3000');
    assert.equal(normaliseOrigin('https://labs.example.org/some/path'), 'https://labs.example.org');
    assert.throws(() => normaliseOrigin('file:///tmp'));
    assert.throws(() => normaliseOrigin('http://user:pw@localhost:3000'));
    assert.throws(() => normaliseOrigin('not a url'));
  });

  test('checks run in order: host before origin before token', () => {
    const policy = {hosts: allowedHosts(7654), origins: new Set([ORIGIN]), token: 'a'.repeat(64)};
    const req = (headers: Record<string, string>, url = '/ws') => ({headers, url}) as unknown as IncomingMessage;
    const protocols = `${Subprotocol.Version}, ${Subprotocol.TokenPrefix}${'a'.repeat(64)}`;
    assert.deepEqual(checkUpgrade(req({host: 'evil:7654', origin: 'http://evil'}), policy).ok, false);
    assert.equal((checkUpgrade(req({host: 'evil:7654', origin: 'http://evil'}), policy) as {code: string}).code, ErrorCode.BadHost);
    assert.equal((checkUpgrade(req({host: 'localhost:7654', origin: 'http://evil'}), policy) as {code: string}).code, ErrorCode.BadOrigin);
    assert.equal((checkUpgrade(req({host: 'LOCALHOST:7654', origin: ORIGIN, 'sec-websocket-protocol': protocols}), policy)).ok, true);
    assert.equal((checkUpgrade(req({host: '[::1]:7654', origin: ORIGIN, 'sec-websocket-protocol': 'k8slab.v1'}), policy) as {code: string}).code, ErrorCode.BadToken);
  });
});

describe('upgrade refusals against a live runner', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner();
  });
  after(() => tr.close());

  const cases: [string, (tr: TestRunner) => Parameters<typeof connectRefused>[1], number, string][] = [
    ['a foreign Origin', () => ({origin: 'http://evil.example'}), 403, ErrorCode.BadOrigin],
    ['an Origin on another port', () => ({origin: 'http://localhost:3001'}), 403, ErrorCode.BadOrigin],
    ['a missing Origin', () => ({origin: null}), 403, ErrorCode.BadOrigin],
    ['a "null" Origin', () => ({origin: 'null'}), 403, ErrorCode.BadOrigin],
    ['a foreign Host (DNS rebinding)', (t) => ({host: `evil.example:${t.port}`}), 403, ErrorCode.BadHost],
    ['a loopback Host with another port', (t) => ({host: `127.0.0.1:${t.port + 1}`}), 403, ErrorCode.BadHost],
    ['a wrong token', () => ({protocols: [Subprotocol.Version, `${Subprotocol.TokenPrefix}${createToken()}`]}), 401, ErrorCode.BadToken],
    ['no token', () => ({protocols: [Subprotocol.Version]}), 401, ErrorCode.BadToken],
    ['two tokens', (t) => ({protocols: [Subprotocol.Version, `${Subprotocol.TokenPrefix}${t.token}`, `${Subprotocol.TokenPrefix}x`]}), 401, ErrorCode.BadToken],
    ['the right token in the query string', (t) => ({target: `/ws?token=${t.token}`}), 401, ErrorCode.TokenInQuery],
    ['the right token, but no version subprotocol', (t) => ({protocols: [`${Subprotocol.TokenPrefix}${t.token}`]}), 400, ErrorCode.ProtocolVersion],
    ['another path', () => ({target: '/shell'}), 404, ErrorCode.NotFound],
  ];
  for (const [name, options, status, code] of cases) {
    test(`refuses ${name} with HTTP ${status}`, async () => {
      const refused = await connectRefused(tr, options(tr));
      assert.equal(refused.status, status);
      assert.equal(refused.body.trim(), code, 'the body is the stable code only');
    });
  }

  test('refusals are logged with reason and remote, never the token', () => {
    const refusals = tr.logs.filter((l) => l.event === 'upgrade.refused');
    assert.ok(refusals.length >= cases.length);
    for (const line of refusals) {
      assert.equal(typeof line.reason, 'string');
      assert.match(String(line.remote), /^127\.0\.0\.1:\d+$/);
    }
    assert.ok(refusals.some((l) => Array.isArray(l.allowed)), 'origin and host refusals name the allow-list');
    for (const line of tr.rawLogs) assert.ok(!line.includes(tr.token), 'token leaked into the log');
  });

  test('accepts each allowed Host and echoes only the version subprotocol', async () => {
    for (const host of [`127.0.0.1:${tr.port}`, `localhost:${tr.port}`, `[::1]:${tr.port}`]) {
      const client = await TestClient.connect(tr, {host});
      assert.equal(client.ws.protocol, Subprotocol.Version);
      await client.close();
    }
  });
});
