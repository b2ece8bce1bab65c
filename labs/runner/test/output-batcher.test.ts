import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {OutputBatcher} from '../src/output-batcher';
import {waitUntil} from './helpers';

function make(): {batcher: OutputBatcher; frames: string[]} {
  const frames: string[] = [];
  const batcher = new OutputBatcher({send: (frame) => frames.push(frame.toString('latin1')), bulkChunkBytes: 4, batchDelayMs: 1, maxBatchBytes: 12});
  return {batcher, frames};
}

describe('OutputBatcher', () => {
  test('small chunks (echo, prompts) go out at once, one frame each', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('a'));
    batcher.push(Buffer.from('bc'));
    assert.deepEqual(frames, ['a', 'bc']);
  });

  test('bulk chunks are held briefly and sent as one frame', async () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    batcher.push(Buffer.from('BBBB'));
    assert.deepEqual(frames, []);
    assert.equal(batcher.heldBytes, 8);
    await waitUntil(() => frames.length === 1, 'the batch timer');
    assert.deepEqual(frames, ['AAAABBBB']);
  });

  test('a small chunk ends the burst: held bytes and it go out together, in order', () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    batcher.push(Buffer.from('$ '));
    assert.deepEqual(frames, ['AAAA$ ']);
  });

  test('a full batch goes out at once', () => {
    const {batcher, frames} = make();
    for (const chunk of ['AAAA', 'BBBB', 'CCCC']) batcher.push(Buffer.from(chunk));
    assert.deepEqual(frames, ['AAAABBBBCCCC']);
  });

  test('flush sends what is held; discard drops it and its timer', async () => {
    const {batcher, frames} = make();
    batcher.push(Buffer.from('AAAA'));
    batcher.flush();
    batcher.flush();
    assert.deepEqual(frames, ['AAAA']);
    batcher.push(Buffer.from('BBBB'));
    batcher.discard();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(frames, ['AAAA']);
  });
});
