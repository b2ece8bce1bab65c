import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Logger, isLogLevel} from '../src/log';

describe('Logger', () => {
  test('writes one JSON object per line with event, level and fields', () => {
    const lines: string[] = [];
    const log = Logger.create({sink: (l) => lines.push(l)}).child({session: 's1'});
    log.info('session.start', {lab: 'x'});
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.event, 'session.start');
    assert.equal(entry.level, 'info');
    assert.equal(entry.session, 's1');
    assert.equal(entry.lab, 'x');
    assert.match(entry.time, /^\d{4}-\d\d-\d\dT/);
  });

  test('never writes a redacted secret, wherever it appears', () => {
    const lines: string[] = [];
    const log = Logger.create({sink: (l) => lines.push(l)});
    const token = 'f'.repeat(64);
    log.redact(token);
    log.child({note: `a${token}b`}).warn('upgrade.refused', {origin: `http://${token}`, nested: {deep: [token]}});
    assert.ok(!lines[0]!.includes(token));
    assert.match(lines[0]!, /\[redacted\]/);
  });

  test('drops lines below the level, and serialises errors without stacks', () => {
    const lines: string[] = [];
    const log = Logger.create({level: 'warn', sink: (l) => lines.push(l)});
    log.info('quiet');
    log.debug('quieter');
    const error = Object.assign(new Error('boom'), {code: 'EBOOM'});
    log.error('loud', {error});
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!).error, {message: 'boom', code: 'EBOOM'});
    assert.ok(!lines[0]!.includes('at '));
    assert.ok(isLogLevel('debug') && !isLogLevel('verbose'));
  });

  test('survives fields that cannot be serialised', () => {
    const lines: string[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    Logger.create({sink: (l) => lines.push(l)}).info('odd', {cyclic});
    assert.match(lines[0]!, /could not be serialised/);
  });
});
