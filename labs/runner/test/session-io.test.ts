import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {WebSocket} from 'ws';
import {ErrorCode, ServerMessageType} from '../src/protocol';
import {noteBytes, sendText} from '../src/session-io';

/** Just enough of a socket to record what is sent. */
function fakeSocket(readyState: number): {ws: WebSocket; sent: (string | Buffer)[]} {
  const sent: (string | Buffer)[] = [];
  return {ws: {readyState, send: (data: string | Buffer) => sent.push(data)} as unknown as WebSocket, sent};
}

describe('session-io', () => {
  test('control messages are JSON text frames', () => {
    const {ws, sent} = fakeSocket(WebSocket.OPEN);
    sendText(ws, {t: ServerMessageType.Error, code: ErrorCode.Busy, message: 'm', fatal: false});
    assert.equal(typeof sent[0], 'string');
    assert.equal(JSON.parse(sent[0] as string).code, ErrorCode.Busy);
  });

  test('notes are coloured terminal lines', () => {
    assert.equal(noteBytes('클러스터 없음\nnext', 'warn').toString('utf8'), '\r\x1b[33m클러스터 없음\r\nnext\x1b[0m\r\n');
    assert.equal(noteBytes('hi', 'info').toString('utf8'), '\r\x1b[36mhi\x1b[0m\r\n');
  });

  test('nothing is sent to a socket that is not open', () => {
    const {ws, sent} = fakeSocket(WebSocket.CLOSING);
    sendText(ws, {t: ServerMessageType.Exit, exitCode: 0, signal: null});
    assert.deepEqual(sent, []);
  });
});
