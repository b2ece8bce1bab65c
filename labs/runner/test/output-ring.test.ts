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

  test('agrees with a plain model over random chunks, through growth and wrap-around', () => {
    // Capacities around the first buffer's size, and one that is not a power of two.
    for (const capacity of [7, 16 * 1024, 40_000, 256 * 1024]) {
      const ring = new OutputRing(capacity);
      let model = Buffer.alloc(0);
      let seed = capacity;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 400; i += 1) {
        const size = random(10) === 0 ? random(capacity * 2) : random(5000);
        const chunk = Buffer.alloc(size, i % 251);
        for (let b = 0; b < size; b += 97) chunk[b] = random(256);
        ring.append(chunk);
        model = Buffer.concat([model, chunk]);
        if (model.length > capacity) model = model.subarray(model.length - capacity);
        assert.equal(ring.endOffset - ring.startOffset, model.length);
        const from = ring.startOffset + random(model.length + 1);
        assert.ok(ring.read(from).equals(model.subarray(from - ring.startOffset)), `capacity ${capacity}, append ${i}`);
      }
    }
  });

  test('a read is a copy, and an appended chunk may be reused by the caller', () => {
    const ring = new OutputRing(100);
    const chunk = bytes('abc');
    ring.append(chunk);
    chunk.fill(0x7a);
    const out = ring.read(0);
    assert.equal(out.toString('latin1'), 'abc');
    out.fill(0x79);
    assert.equal(ring.read(0).toString('latin1'), 'abc');
  });

  test('the session ring holds more than a client can miss (high watermark plus one batch)', () => {
    assert.ok(Limits.outputRingBytes > FlowControl.HighWatermarkBytes + Limits.outputMaxBatchBytes);
  });
});
