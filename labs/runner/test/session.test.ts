import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {ClientMessageType, CloseCode, ErrorCode, ServerMessageType, type ReadyMessage} from '../src/protocol';
import {startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';

describe('a running session', () => {
  let tr: TestRunner;
  before(async () => {
    // A variable of the runner's own environment that must never reach the shell.
    process.env.RUNNER_CANARY = 'runner-env-leak';
    tr = await startTestRunner();
  });
  after(async () => {
    delete process.env.RUNNER_CANARY;
    await tr.close();
  });

  test('ready comes first and describes the session', async () => {
    const client = await TestClient.start(tr);
    const ready = client.messages[0] as ReadyMessage;
    assert.equal(ready.t, ServerMessageType.Ready);
    assert.equal(ready.lab, 'broken-file');
    assert.equal(ready.namespace, 'lab-broken-file');
    assert.equal(ready.requires, 'local');
    assert.ok(ready.probe.items.length >= 5);
    assert.equal(ready.limits.idleTimeoutMs > 0, true);
    await client.close();
  });

  test('echo: `echo hi` prints hi', async () => {
    const client = await TestClient.start(tr);
    assert.match(await client.run('echo hi'), /\rhi\r\n/);
    await client.close();
  });

  test('resize: `stty size` reflects it', async () => {
    const client = await TestClient.start(tr, 'broken-file', {cols: 90, rows: 30});
    assert.match(await client.run('stty size'), /\r30 90\r\n/);
    client.send({t: ClientMessageType.Resize, cols: 132, rows: 43});
    // The resize is applied before the next input is read, both going through the same socket.
    assert.match(await client.run('stty size'), /\r43 132\r\n/);
    await client.close();
  });

  test('Korean UTF-8 split across PTY chunks arrives whole', async () => {
    const client = await TestClient.start(tr);
    // 6000 × 가 (3 bytes each) = 18 000 bytes: several PTY reads, so some split inside a character.
    const out = await client.run("printf '\\xea\\xb0\\x80%.0s' $(seq 6000); printf '\\xed\\x95\\x9c\\xea\\xb8\\x80 \\xeb\\x81\\x9d\\n'");
    assert.ok(out.includes(`${'가'.repeat(6000)}한글 끝`), 'the whole string arrived in order');
    assert.ok(!client.text.includes('\uFFFD'), 'no replacement characters');
    await client.close();
  });

  test('the shell gets only the minimal environment, its own folder and the lab prompt', async () => {
    const client = await TestClient.start(tr);
    const out = await client.run('env | sort');
    const names = new Set([...out.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    for (const name of ['PATH', 'HOME', 'TERM', 'LANG', 'KUBECONFIG', 'LAB_ID', 'LAB_NAMESPACE', 'LAB_WORKDIR']) assert.ok(names.has(name), name);
    for (const name of names) {
      assert.ok(['PATH', 'HOME', 'TERM', 'LANG', 'KUBECONFIG', 'LAB_ID', 'LAB_NAMESPACE', 'LAB_WORKDIR', 'PWD', 'SHLVL', '_', 'OLDPWD'].includes(name!), `unexpected ${name}`);
    }
    assert.ok(!out.includes('runner-env-leak'));
    assert.ok(!out.includes(tr.token));
    assert.match(out, /^TERM=xterm-256color\r?$/m);
    assert.match(out, /^LANG=C\.UTF-8\r?$/m);
    assert.match(out, /^LAB_NAMESPACE=lab-broken-file\r?$/m);
    assert.match(client.text, /\[broken-file\]/, 'the prompt names the lab');

    const home = /^HOME=(.*?)\r?$/m.exec(out)![1]!;
    assert.ok(fs.existsSync(path.join(home, 'manifests', 'app.yaml')), 'manifests are copied into the working folder');
    assert.equal(fs.readFileSync(/^KUBECONFIG=(.*?)\r?$/m.exec(out)![1]!, 'utf8'), '', 'a local lab gets an empty kubeconfig');
    assert.match(await client.run('pwd'), new RegExp(home));
    await client.close();
    await waitUntil(() => !fs.existsSync(home), 'the session folder to be removed');
  });

  test('the shell exiting sends exit and closes with 1000', async () => {
    const client = await TestClient.start(tr);
    client.input('exit 3\r');
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.Normal);
    const exit = client.messages.find((m) => m.t === ServerMessageType.Exit);
    assert.ok(exit && exit.t === ServerMessageType.Exit);
    assert.equal(exit.exitCode, 3);
  });

  test('a malformed message after hello is answered with an error; the session goes on', async () => {
    const client = await TestClient.start(tr);
    client.ws.send('{not json');
    client.send({t: ClientMessageType.Resize, cols: 'wide', rows: 10});
    client.send({t: 'from-the-future', x: 1});
    client.send({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: 'en'});
    await waitUntil(() => client.messages.filter((m) => m.t === ServerMessageType.Error).length === 3, 'three errors');
    for (const m of client.messages) if (m.t === ServerMessageType.Error) assert.ok(m.code === ErrorCode.BadMessage && !m.fatal);
    assert.ok(tr.logs.some((l) => l.event === 'message.ignored' && l.type === 'from-the-future'), 'unknown types are logged');
    assert.match(await client.run('echo still-here'), /still-here/);
    await client.close();
  });

  test('garbage never crashes the runner; the session goes on', async () => {
    const client = await TestClient.start(tr);
    const junk = ['', ' ', 'null', '0', '"x"', '[]', '{}', '{"t":null}', '{"t":{}}', '{"t":"ack","bytes":1e400}', '{"t":"ack","bytes":"1"}',
      '{"t":"resize","cols":-1,"rows":-1}', '{"t":"action","action":"../../setup","requestId":"x"}', '{"__proto__":{"t":"hello"}}',
      `{"t":"${'x'.repeat(10_000)}"}`, '{"t":"probe"'.repeat(100)];
    for (const text of junk) client.ws.send(text);
    client.ws.send(Buffer.from([0xff, 0xfe, 0xfd]), {binary: false});
    client.ws.send(Buffer.from([0x00, 0xff, 0x1b, 0x5b]), {binary: true});
    assert.match(await client.run('echo survived'), /survived/);
    assert.ok(client.messages.filter((m) => m.t === ServerMessageType.Error).every((m) => m.t === ServerMessageType.Error && !m.fatal));
    await client.close();
  });

  test('invalid UTF-8 as the first text frame is a malformed hello (4400), not a library close', async () => {
    const client = await TestClient.connect(tr);
    client.ws.send(Buffer.from([0xc3, 0x28, 0x7b]), {binary: false});
    assert.equal((await client.closed).code, CloseCode.BadMessage);
  });

  test('binary input before hello is ignored and spawns nothing', async () => {
    const client = await TestClient.connect(tr);
    client.input('echo should-not-run\r');
    client.send({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: 'en'});
    await client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready');
    assert.match(await client.run('echo ok'), /ok/);
    assert.ok(!client.text.includes('\r\nshould-not-run'));
    await client.close();
  });
});

describe('session refusals and timeouts', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner({helloTimeoutMs: 300, idleTimeoutMs: 400});
  });
  after(() => tr.close());

  test('an unknown lab id gets an error and 4404, in the hello locale', async () => {
    const client = await TestClient.connect(tr);
    client.send({t: ClientMessageType.Hello, lab: 'no-such-lab', cols: 80, rows: 24, locale: 'ko'});
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.UnknownLab);
    assert.equal(closed.reason, ErrorCode.UnknownLab);
    const error = client.messages.find((m) => m.t === ServerMessageType.Error);
    assert.ok(error && error.t === ServerMessageType.Error && error.code === ErrorCode.UnknownLab && error.fatal);
    assert.match(error.message, /실습이 없습니다/);
  });

  test('a path-traversal lab id is refused before any lookup and nothing is created', async () => {
    const before = fs.readdirSync(tr.tmp).length;
    const client = await TestClient.connect(tr);
    client.send({t: ClientMessageType.Hello, lab: '../../etc', cols: 80, rows: 24, locale: 'en'});
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.BadMessage);
    assert.ok(client.messages.some((m) => m.t === ServerMessageType.Error && m.code === ErrorCode.BadMessage));
    assert.equal(fs.readdirSync(tr.tmp).length, before, 'no session folder was made');
  });

  test('a first message other than hello closes with 4400', async () => {
    const client = await TestClient.connect(tr);
    client.send({t: ClientMessageType.Ack, bytes: 10});
    assert.equal((await client.closed).code, CloseCode.BadMessage);
  });

  test('no hello in time closes with 4408', async () => {
    const client = await TestClient.connect(tr);
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.HelloTimeout);
    assert.ok(client.messages.some((m) => m.t === ServerMessageType.Error && m.code === ErrorCode.HelloTimeout));
  });

  test('no input for the idle timeout closes with 4440', async () => {
    const client = await TestClient.start(tr);
    const closed = await client.closed;
    assert.equal(closed.code, CloseCode.IdleTimeout);
    const error = client.messages.find((m) => m.t === ServerMessageType.Error);
    assert.ok(error && error.t === ServerMessageType.Error && error.code === ErrorCode.IdleTimeout);
  });
});

describe('absolute timeout', () => {
  test('a session past its absolute lifetime closes with 4441 even while busy', async () => {
    const tr = await startTestRunner({absoluteTimeoutMs: 800});
    try {
      const client = await TestClient.connect(tr);
      client.send({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: 'en'});
      // Keep the shell busy once it runs; on a slow machine the limit may even come before `ready`.
      void client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready').then(
        () => client.input('while :; do echo busy; sleep 0.05; done\r'),
        () => {},
      );
      const closed = await client.closed;
      assert.equal(closed.code, CloseCode.SessionExpired);
      assert.ok(client.messages.some((m) => m.t === ServerMessageType.Error && m.code === ErrorCode.SessionExpired));
    } finally {
      await tr.close();
    }
  });
});
