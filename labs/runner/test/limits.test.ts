import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Limits} from '../src/limits';
import {FlowControl} from '../src/protocol';

describe('Limits', () => {
  test('every limit is a positive integer', () => {
    for (const [name, value] of Object.entries(Limits)) assert.ok(Number.isInteger(value) && value > 0, name);
  });

  test('limits that bound each other are consistent', () => {
    assert.ok(Limits.maxControlMessageBytes < Limits.maxPayloadBytes, 'a control message fits in a frame');
    assert.ok(Limits.idleTimeoutMs <= Limits.absoluteTimeoutMs);
    assert.ok(Limits.helloTimeoutMs < Limits.idleTimeoutMs);
    assert.ok(Limits.probeCommandTimeoutMs < Limits.helloTimeoutMs, 'a slow probe cannot outlast the hello window');
    assert.ok(FlowControl.HighWatermarkBytes < Limits.maxPayloadBytes);
  });

  test('names carry their unit', () => {
    for (const name of Object.keys(Limits)) assert.match(name, /(Ms|Bytes)$|^max[A-Z]\w*s$/, name);
  });
});
