/**
 * Sessions outlive their socket: a dropped connection or a reload resumes the same shell with no
 * output lost or repeated, a second page takes the session over, and a session whose page does
 * not come back in time ends, with nothing left running.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {after, before, describe, test} from 'node:test';
import {CloseCode, ClientMessageType, ErrorCode, LabAction, ServerMessageType, SessionStart} from '../src/protocol';
import {descendants, labProcessesUnder, startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';

/** The numbers of every `n<i>` line in `text`, in order. */
function numbered(text: string): number[] {
  return [...text.matchAll(/\bn(\d+)\r\n/g)].map((m) => Number(m[1]));
}

/** The fixture shell's output of a marker, without matching the echoed command line. */
function marker(name: string): {command: string; text: string} {
  return {command: `echo "${name.slice(0, 3)}""${name.slice(3)}"`, text: `${name}\r\n`};
}

describe('resuming a session', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner({resumeGraceMs: 30_000, actionKillGraceMs: 200});
  });
  after(() => tr.close());

  test('a connection dropped mid-output resumes: every line arrives exactly once', async () => {
    const a = await TestClient.start(tr);
    const end = marker('COUNTED-TO-THE-END');
    a.input(`for i in $(seq 1 300); do echo "n$i"; sleep 0.01; done; ${end.command}\r`);
    await waitUntil(() => numbered(a.text).length >= 40, 'the first lines');
    // Gone without a close frame, as when the network drops; output goes on meanwhile.
    a.ws.terminate();
    await a.closed;
    await waitUntil(() => tr.logs.some((l) => l.event === 'session.detached'), 'the runner to see the socket gone');
    await new Promise((resolve) => setTimeout(resolve, 500));

    const b = await TestClient.start(tr, 'broken-file', {resumeId: a.ready.resumeId, outputOffset: a.outputOffset});
    assert.equal(b.ready.start, SessionStart.Resumed);
    assert.equal(b.ready.session, a.ready.session, 'the same session');
    assert.equal(b.ready.outputOffset, a.outputOffset, 'output continues where the dropped client stopped');
    await b.waitForText(end.text, 20_000);
    const lines = numbered(a.text + b.text);
    assert.deepEqual(lines, Array.from({length: 300}, (_, i) => i + 1), 'no line lost, none twice');
    assert.ok(numbered(b.text).length > 0, 'some lines came while the client was away or after');
    await b.close();
  });

  test('a reload (no output offset) repaints the screen; shell state, files and a running command survive', async () => {
    const a = await TestClient.start(tr);
    await a.run('export LAB_MOOD=calm; echo kept > notes.txt');
    const woke = marker('WOKE-UP-AFTER-RESUME');
    a.input(`sleep 2; ${woke.command}\r`);
    await a.close();
    const b = await TestClient.start(tr, 'broken-file', {resumeId: a.ready.resumeId});
    assert.equal(b.ready.start, SessionStart.Resumed);
    assert.equal(b.ready.outputOffset, 0, 'a short session is replayed from its first byte');
    await b.waitForText('export LAB_MOOD=calm');
    assert.ok(b.text.startsWith(a.text.slice(0, 200)), 'the replay is the same bytes the first page saw');
    await b.waitForText(woke.text, 10_000);
    assert.match(await b.run('echo "$LAB_MOOD $(cat notes.txt)"'), /\rcalm kept\r\n/);
    await b.close();
  });

  test('a second page takes the session over; the first is closed with 4409 and told why', async () => {
    const a = await TestClient.start(tr, 'broken-file', {locale: 'ko'});
    await a.run('cd manifests');
    const b = await TestClient.start(tr, 'broken-file', {resumeId: a.ready.resumeId});
    const closed = await a.closed;
    assert.equal(closed.code, CloseCode.TakenOver);
    assert.equal(closed.reason, ErrorCode.TakenOver);
    const error = a.messages.find((m) => m.t === ServerMessageType.Error);
    assert.ok(error && error.t === ServerMessageType.Error && error.code === ErrorCode.TakenOver && error.fatal);
    assert.match(error.message, /다른 탭이나 창/, 'in the language of the page being closed');
    assert.equal(b.ready.start, SessionStart.Resumed);
    assert.match(await b.run('basename "$PWD"'), /\rmanifests\r\n/, 'the same shell, still in its folder');
    assert.ok(tr.logs.some((l) => l.event === 'session.taken-over'));
    await b.close();
  });

  test('an action that finished while the page was away is answered after the resume', async () => {
    // hang-setup's setup runs until its 1 s timeout ends it: it is still running when the page goes.
    const a = await TestClient.start(tr, 'hang-setup');
    const requestId = 'away-setup';
    a.send({t: ClientMessageType.Action, action: LabAction.Setup, requestId});
    await a.waitForMessage((m) => m.t === ServerMessageType.ActionStarted, 'action-started');
    a.ws.terminate();
    await waitUntil(() => tr.logs.some((l) => l.event === 'session.detached' && l.session === a.ready.session), 'the session to wait');
    await waitUntil(() => tr.logs.some((l) => l.event === 'action.end' && l.requestId === requestId), 'the action to end', 15_000);
    assert.ok(!a.messages.some((m) => m.t === ServerMessageType.ActionResult), 'the first page never got the result');
    const b = await TestClient.start(tr, 'hang-setup', {resumeId: a.ready.resumeId, outputOffset: a.outputOffset});
    const result = await b.waitForMessage((m) => m.t === ServerMessageType.ActionResult && m.requestId === requestId, 'the queued result');
    assert.ok(result.t === ServerMessageType.ActionResult && !result.ok && result.code === ErrorCode.ActionTimeout);
    await b.close();
  });

  test('flow control starts over with the new socket', async () => {
    // The first client never acks: the shell pauses at the high watermark with its bytes counted.
    const a = await TestClient.start(tr, 'broken-file', {autoAck: false});
    const done = marker('FLOOD-DRAINED');
    a.input(`yes 0123456789 | head -c 2000000; ${done.command}\r`);
    await waitUntil(() => tr.logs.some((l) => l.event === 'flow.pause'), 'the shell to pause');
    a.ws.terminate();
    await a.closed;
    // Had the old count carried over, the new client's acks could never bring it under the low watermark.
    const b = await TestClient.start(tr, 'broken-file', {resumeId: a.ready.resumeId, outputOffset: a.outputOffset});
    await b.waitForText(done.text, 30_000);
    assert.ok(a.bytesReceived + b.bytesReceived > 2_000_000);
    await b.close();
  });

  test('an unknown resume id, or one of another lab, gets a new session and says so', async () => {
    const a = await TestClient.start(tr);
    const other = await TestClient.start(tr, 'hang-setup', {resumeId: a.ready.resumeId});
    assert.equal(other.ready.start, SessionStart.Expired);
    assert.notEqual(other.ready.session, a.ready.session);
    assert.match(await a.run('echo still-mine'), /still-mine/, 'the session of the other lab is left alone');

    const stranger = await TestClient.start(tr, 'broken-file', {resumeId: crypto.randomBytes(16).toString('hex'), outputOffset: 999, locale: 'ko'});
    assert.equal(stranger.ready.start, SessionStart.Expired);
    assert.equal(stranger.ready.outputOffset, 0);
    await stranger.waitForText('이전 세션은 끝났습니다');
    for (const client of [a, other, stranger]) await client.close();
  });
});

describe('a session whose page does not come back', () => {
  test('ends after the grace period, leaving no process and no folder; its id then starts afresh', async () => {
    const tr = await startTestRunner({resumeGraceMs: 600});
    try {
      const a = await TestClient.start(tr);
      await a.run('sleep 600 & echo started > marker.txt');
      assert.ok(labProcessesUnder(tr.tmp).length > 0, 'the detector sees the session');
      a.ws.terminate();
      await waitUntil(() => tr.logs.some((l) => l.event === 'session.detached'), 'the session to wait');
      assert.equal(tr.runner.detachedSessions(), 1);
      await waitUntil(() => tr.runner.activeSessions() === 0, 'the grace period to end the session', 10_000);
      await waitUntil(() => labProcessesUnder(tr.tmp).length === 0, 'no lab process anywhere', 10_000, 50);
      await waitUntil(() => descendants().length === 0, 'no child of the runner', 10_000, 50);

      const b = await TestClient.start(tr, 'broken-file', {resumeId: a.ready.resumeId, outputOffset: a.outputOffset});
      assert.equal(b.ready.start, SessionStart.Expired);
      assert.notEqual(b.ready.resumeId, a.ready.resumeId);
      await b.waitForText('The earlier session of this page has ended');
      assert.match(await b.run('ls marker.txt'), /No such file/, 'a fresh folder');
      await b.close();
    } finally {
      await tr.close();
    }
  });

  test('a full runner ends the session that has waited longest to make room for a new one', async () => {
    const tr = await startTestRunner({resumeGraceMs: 60_000, maxSessions: 1});
    try {
      const a = await TestClient.start(tr);
      await a.close();
      await waitUntil(() => tr.runner.detachedSessions() === 1, 'the session to wait');
      const b = await TestClient.start(tr);
      assert.equal(b.ready.start, SessionStart.New);
      assert.ok(tr.logs.some((l) => l.event === 'session.evicted'));
      await waitUntil(() => tr.runner.activeSessions() === 1, 'one session');
      // While b is attached the runner is full: a third page is refused, not given b's place.
      const c = await TestClient.connect(tr);
      assert.equal((await c.closed).code, CloseCode.TooManySessions);
      await b.close();
    } finally {
      await tr.close();
    }
  });
});
