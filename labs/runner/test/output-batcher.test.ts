import assert from 'node:assert/strict';
import {beforeEach, afterEach, describe, mock, test} from 'node:test';
import {OutputBatcher} from '../src/output-batcher';

function make(): {batcher: OutputBatcher; frames: string[]} {
  const frames: string[] = [];
  const batcher = new OutputBatcher({send: (frame) => frames.push(frame.toString('latin1')), bulkChunkBytes: 4, batchDelayMs: 4, maxBatchBytes: 12});
  return {batcher, frames};
}

describe('OutputBatcher', () => {
  beforeEach(() => mock.timers.enable({apis: ['setTimeout']}));
  afterEach(() => mock.timers.reset());

  test('small chunks (echo, prompts) go out at once, one frame each', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('a'));
    batcher.push(Buffer.from('bc'));
    assert.deepEqual(frames, ['a', 'bc']);
  });

  test('bulk chunks are held for the batch delay from the first, and sent as one frame', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    mock.timers.tick(3);
    batcher.push(Buffer.from('BBBB'));
    assert.deepEqual(frames, []);
    assert.equal(batcher.heldBytes, 8);
    mock.timers.tick(1);
    assert.deepEqual(frames, ['AAAABBBB']);
  });

  test('small chunks during a burst join the open batch, in order, and go out with it', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    batcher.push(Buffer.from('b'));
    batcher.push(Buffer.from('CCCC'));
    batcher.push(Buffer.from('$ '));
    assert.deepEqual(frames, []);
    mock.timers.tick(4);
    assert.deepEqual(frames, ['AAAAbCCCC$ ']);
    batcher.push(Buffer.from('x'));
    assert.deepEqual(frames, ['AAAAbCCCC$ ', 'x'], 'with no batch open, a small chunk goes out at once again');
  });

  test('a full batch goes out at once', () => {
    const {batcher, frames} = make();
    for (const chunk of ['AAAA', 'BBBB', 'CCCC']) batcher.push(Buffer.from(chunk));
    assert.deepEqual(frames, ['AAAABBBBCCCC']);
  });

  test('flush sends what is held; discard drops it and its timer', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    batcher.flush();
    batcher.flush();
    assert.deepEqual(frames, ['AAAA']);
    batcher.push(Buffer.from('BBBB'));
    batcher.discard();
    mock.timers.tick(20);
    assert.deepEqual(frames, ['AAAA']);
  });
});
