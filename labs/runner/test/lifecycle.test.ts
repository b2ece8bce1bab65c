import assert from 'node:assert/strict';
import fs from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {ClientMessageType, FlowControl, ServerMessageType} from '../src/protocol';
import {descendants, labProcessesUnder, startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';

const CYCLES = 200;
/** Sessions opened at once: the runner's default maximum. */
const BATCH = 8;

describe('session lifecycle', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner({maxSessions: BATCH});
  });
  after(() => tr.close());

  /** Ends a session one of four ways: a clean close, mid-start, mid-output, or by vanishing. */
  async function cycle(i: number): Promise<void> {
    const client = await TestClient.connect(tr);
    client.send({t: ClientMessageType.Hello, lab: 'broken-file', cols: 80, rows: 24, locale: i % 2 ? 'ko' : 'en'});
    switch (i % 4) {
      case 0:
        await client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready');
        await client.close();
        return;
      case 1:
        // Gone before the shell is even started.
        await client.close();
        return;
      case 2:
        await client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready');
        client.input('yes\r');
        await waitUntil(() => client.bytesReceived > FlowControl.HighWatermarkBytes, 'output');
        await client.close();
        return;
      default:
        await client.waitForMessage((m) => m.t === ServerMessageType.Ready, 'ready');
        client.input('sleep 600 & yes\r');
        await waitUntil(() => client.bytesReceived > 10_000, 'output');
        // The client vanishes mid-output without a close frame.
        client.ws.terminate();
        await client.closed;
    }
  }

  test(`${CYCLES} connect/disconnect cycles leave no process and no folder behind`, async () => {
    // The detectors see a live session's processes, so "none left" below means something.
    const probe = await TestClient.start(tr);
    assert.ok(labProcessesUnder(tr.tmp).length > 0 && descendants().length > 0);
    await probe.close();
    for (let i = 0; i < CYCLES; i += BATCH) {
      await Promise.all(Array.from({length: Math.min(BATCH, CYCLES - i)}, (_, j) => cycle(i + j)));
      // The next batch needs free slots: wait for this one's sessions to be closed.
      await waitUntil(() => tr.runner.activeSessions() === 0, 'sessions to close');
    }
    await waitUntil(() => descendants().length === 0, `no descendants (left: ${JSON.stringify(descendants())})`, 20_000, 50);
    await waitUntil(() => labProcessesUnder(tr.tmp).length === 0, 'no orphaned lab process anywhere', 20_000, 50);
    await waitUntil(() => fs.readdirSync(tr.tmp).length === 0, 'session folders to be removed', 20_000, 50);
    assert.equal(tr.logs.filter((l) => l.event === 'session.closed').length >= CYCLES, true);
    assert.ok(!tr.logs.some((l) => l.level === 'error'), 'no errors were logged');
  });
});
