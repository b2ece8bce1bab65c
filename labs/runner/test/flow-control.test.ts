import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {FlowController, type FlowTransition} from '../src/flow-control';
import {FlowControl} from '../src/protocol';
import {startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';

describe('FlowController', () => {
  function make(): {flow: FlowController; calls: string[]; transitions: FlowTransition[]} {
    const calls: string[] = [];
    const transitions: FlowTransition[] = [];
    const flow = new FlowController({pause: () => calls.push('pause'), resume: () => calls.push('resume'), onTransition: (t) => transitions.push(t)});
    return {flow, calls, transitions};
  }

  test('pauses only once the high watermark is exceeded', () => {
    const {flow, calls} = make();
    flow.sent(FlowControl.HighWatermarkBytes);
    assert.deepEqual(calls, []);
    flow.sent(1);
    assert.deepEqual(calls, ['pause']);
    flow.sent(50_000);
    assert.deepEqual(calls, ['pause'], 'no second pause while paused');
    assert.ok(flow.isPaused);
  });

  test('resumes only below the low watermark, and logs both transitions with numbers', () => {
    const {flow, calls, transitions} = make();
    flow.sent(FlowControl.HighWatermarkBytes + 10);
    flow.acked(FlowControl.HighWatermarkBytes + 10 - FlowControl.LowWatermarkBytes);
    assert.deepEqual(calls, ['pause'], 'exactly at the low watermark is not below it');
    flow.acked(1);
    assert.deepEqual(calls, ['pause', 'resume']);
    assert.deepEqual(transitions, [
      {change: 'pause', unackedBytes: FlowControl.HighWatermarkBytes + 10, watermarkBytes: FlowControl.HighWatermarkBytes},
      {change: 'resume', unackedBytes: FlowControl.LowWatermarkBytes - 1, watermarkBytes: FlowControl.LowWatermarkBytes},
    ]);
  });

  test('a restart (a new socket) forgets the old count and resumes a paused PTY', () => {
    const {flow, calls} = make();
    flow.sent(FlowControl.HighWatermarkBytes + 1);
    assert.ok(flow.isPaused);
    flow.restart();
    assert.equal(flow.unackedBytes, 0);
    assert.ok(!flow.isPaused);
    assert.deepEqual(calls, ['pause', 'resume']);
    flow.restart();
    assert.deepEqual(calls, ['pause', 'resume'], 'nothing to resume when running');
  });

  test('clamps the count at zero: over-acking banks no credit', () => {
    const {flow, calls} = make();
    flow.sent(10);
    flow.acked(1_000_000);
    assert.equal(flow.unackedBytes, 0);
    flow.sent(FlowControl.HighWatermarkBytes + 1);
    assert.deepEqual(calls, ['pause']);
  });

  test('refuses a low watermark above the high one', () => {
    assert.throws(() => new FlowController({pause() {}, resume() {}, highWatermarkBytes: 10, lowWatermarkBytes: 20}));
  });
});

describe('flow control end to end', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner();
  });
  after(() => tr.close());

  test('a client that stops acking pauses `yes` near the high watermark; Ctrl-C works once acks resume', async () => {
    const client = await TestClient.start(tr);
    client.input('yes\r');
    await waitUntil(() => client.bytesReceived > 4 * FlowControl.HighWatermarkBytes, 'yes to flow');

    const pausesBefore = tr.logs.filter((l) => l.event === 'flow.pause').length;
    client.autoAck = false;
    await waitUntil(() => tr.logs.filter((l) => l.event === 'flow.pause').length > pausesBefore, 'the runner to pause the PTY');
    // Bytes received stop growing: the PTY is paused and the shell blocks on a full buffer.
    let last = -1;
    await waitUntil(async () => {
      const now = client.bytesReceived;
      const stable = now === last;
      last = now;
      return stable;
    }, 'output to plateau', 10_000, 300);
    const receivedAtPlateau = client.bytesReceived;
    const paused = tr.logs.filter((l) => l.event === 'flow.pause');
    assert.ok(paused.length > 0, 'the pause was logged');
    const lastPause = paused.at(-1)!;
    assert.ok((lastPause.unackedBytes as number) > FlowControl.HighWatermarkBytes);
    // At most one PTY read (64 KiB) can be in flight past the watermark.
    assert.ok((lastPause.unackedBytes as number) <= FlowControl.HighWatermarkBytes + 64 * 1024, `unacked ${String(lastPause.unackedBytes)}`);

    client.autoAck = true;
    client.flushAcks();
    await waitUntil(() => client.bytesReceived > receivedAtPlateau, 'output to resume after acks');
    client.input('\x03');
    const out = await client.run('echo after-ctrl-c', 20_000);
    assert.match(out, /after-ctrl-c/);
    assert.ok(tr.logs.some((l) => l.event === 'flow.resume'), 'the resume was logged');
    await client.close();
  });
});
