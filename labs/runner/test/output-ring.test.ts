import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Limits} from '../src/limits';
import {OutputRing} from '../src/output-ring';
import {FlowControl} from '../src/protocol';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('OutputRing', () => {
  test('keeps everything until full, with absolute offsets', () => {
    const ring = new OutputRing(10);
    ring.append(bytes('abc'));
    ring.append(bytes('defg'));
    assert.equal(ring.startOffset, 0);
    assert.equal(ring.endOffset, 7);
    assert.equal(ring.read(0).toString('latin1'), 'abcdefg');
    assert.equal(ring.read(4).toString('latin1'), 'efg');
    assert.equal(ring.read(7).length, 0, 'nothing after the end');
  });

  test('drops the oldest bytes, also from inside a chunk', () => {
    const ring = new OutputRing(10);
    for (const part of ['0123', '4567', '89ab', 'cd']) ring.append(bytes(part));
    assert.equal(ring.endOffset, 14);
    assert.equal(ring.startOffset, 4);
    assert.equal(ring.read(4).toString('latin1'), '456789abcd');
    assert.ok(!ring.has(3) && ring.has(4) && ring.has(14) && !ring.has(15));
    assert.throws(() => ring.read(3), /outside the kept output/);
  });

  test('a chunk bigger than the ring keeps its own tail', () => {
    const ring = new OutputRing(4);
    ring.append(bytes('xy'));
    ring.append(bytes('0123456789'));
    assert.equal(ring.startOffset, 8);
    assert.equal(ring.read(8).toString('latin1'), '6789');
  });

  test('a replay to an empty terminal starts on a line once older output is gone', () => {
    const ring = new OutputRing(12);
    ring.append(bytes('first line\r\n'));
    assert.equal(ring.cleanStart(), 0, 'all kept: from the start');
    ring.append(bytes('\x1b[33mtwo\r\nthree'));
    assert.equal(ring.read(ring.cleanStart()).toString('latin1'), 'three');
  });

  test('reads up to maxBytes', () => {
    const ring = new OutputRing(100);
    ring.append(bytes('abc'));
    ring.append(bytes('def'));
    assert.equal(ring.read(1, 3).toString('latin1'), 'bcd');
  });

  test('many small chunks stay bounded and readable', () => {
    const ring = new OutputRing(1000);
    let all = '';
    for (let i = 0; i < 20_000; i += 1) {
      const part = `${i % 10}`;
      all += part;
      ring.append(bytes(part));
    }
    assert.equal(ring.read(ring.startOffset).toString('latin1'), all.slice(-1000));
  });

  test('the session ring holds more than a client can miss (high watermark plus one batch)', () => {
    assert.ok(Limits.outputRingBytes > FlowControl.HighWatermarkBytes + Limits.outputMaxBatchBytes);
  });
});
