import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {FAILURE_CODE, LAB_ID} from '../../lib/lab-schema';
import {
  ClientMessageType, CloseCode, ERROR_CLOSE_CODES, ERROR_HTTP_STATUS, ErrorCode, FAILURE_CODE_PATTERN, FlowControl, LAB_ID_PATTERN,
  PROTOCOL_VERSION, RESUME_ID_PATTERN, ServerMessageType, SessionStart, Subprotocol, TerminalSize, clientSubprotocols, isLabId,
  parseClientMessage, parseServerMessage,
} from '../src/protocol';

const SRC = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src');

describe('flow-control constants', () => {
  test('ack chunk is at most the low watermark, else the PTY never resumes', () => {
    assert.ok(FlowControl.AckChunkBytes <= FlowControl.LowWatermarkBytes);
  });
  test('low watermark is below the high watermark', () => {
    assert.ok(FlowControl.LowWatermarkBytes < FlowControl.HighWatermarkBytes);
  });
});

describe('parseClientMessage', () => {
  const hello = {t: 'hello', lab: 'broken-file', cols: 80, rows: 24, locale: 'ko'};

  test('accepts each well-formed message', () => {
    for (const message of [
      hello,
      {...hello, resumeId: 'a'.repeat(32)},
      {...hello, resumeId: '0123456789abcdef0123456789abcdef', outputOffset: 0},
      {...hello, resumeId: 'f'.repeat(32), outputOffset: 123_456},
      {t: 'resize', cols: TerminalSize.MaxCols, rows: TerminalSize.MinRows},
      {t: 'ack', bytes: 0},
      {t: 'action', action: 'reset', requestId: 'r-1_A'},
      {t: 'probe'},
    ]) {
      const parsed = parseClientMessage(JSON.stringify(message));
      assert.equal(parsed.ok, true, JSON.stringify(message));
      if (parsed.ok) assert.deepEqual(parsed.message, message);
    }
  });

  test('drops fields it does not know', () => {
    const parsed = parseClientMessage(JSON.stringify({...hello, extra: 'x'}));
    assert.ok(parsed.ok);
    assert.equal('extra' in parsed.message, false);
  });

  for (const [name, text] of [
    ['not JSON', '{"t":"hello"'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['no t', '{"lab":"x"}'],
    ['t not a string', '{"t":7}'],
    ['empty t', '{"t":""}'],
  ] as const) {
    test(`refuses ${name} as malformed`, () => {
      const parsed = parseClientMessage(text);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.equal(parsed.kind, 'malformed');
    });
  }

  for (const [name, message] of [
    ['a path-like lab id', {...hello, lab: '../../etc'}],
    ['an absolute lab path', {...hello, lab: '/etc/passwd'}],
    ['an upper-case lab id', {...hello, lab: 'Broken'}],
    ['a numeric lab', {...hello, lab: 5}],
    ['fractional cols', {...hello, cols: 80.5}],
    ['cols as a string', {...hello, cols: '80'}],
    ['zero rows', {...hello, rows: 0}],
    ['huge cols', {...hello, cols: TerminalSize.MaxCols + 1}],
    ['an unknown locale', {...hello, locale: 'fr'}],
    ['a negative ack', {t: 'ack', bytes: -1}],
    ['a fractional ack', {t: 'ack', bytes: 1.5}],
    ['an ack without bytes', {t: 'ack'}],
    ['an unknown action', {t: 'action', action: 'rm -rf', requestId: 'a'}],
    ['an action without request id', {t: 'action', action: 'check'}],
    ['a request id with spaces', {t: 'action', action: 'check', requestId: 'a b'}],
    ['a resize without rows', {t: 'resize', cols: 80}],
    ['a short resume id', {...hello, resumeId: 'abc'}],
    ['an upper-case resume id', {...hello, resumeId: 'A'.repeat(32)}],
    ['a resume id that is not a string', {...hello, resumeId: 7}],
    ['a negative output offset', {...hello, resumeId: 'a'.repeat(32), outputOffset: -1}],
    ['a fractional output offset', {...hello, resumeId: 'a'.repeat(32), outputOffset: 1.5}],
  ] as const) {
    test(`refuses ${name}`, () => {
      const parsed = parseClientMessage(JSON.stringify(message));
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.equal(parsed.kind, 'malformed');
    });
  }

  test('reports an unknown t as unknown-type (logged and ignored), with the type cut short', () => {
    const parsed = parseClientMessage(JSON.stringify({t: 'x'.repeat(500)}));
    assert.equal(parsed.ok, false);
    if (!parsed.ok && parsed.kind === 'unknown-type') assert.equal(parsed.type.length, 64);
    else assert.fail('expected unknown-type');
  });
});

describe('parseServerMessage', () => {
  const ready = {t: 'ready', protocol: PROTOCOL_VERSION, resumeId: 'b'.repeat(32), start: SessionStart.Resumed, outputOffset: 42};

  test('accepts a ready and an error', () => {
    assert.ok(parseServerMessage(JSON.stringify(ready)).ok);
    assert.ok(parseServerMessage(JSON.stringify({t: 'error', code: ErrorCode.Busy, message: 'm', fatal: false})).ok);
  });
  test('refuses an error with an unknown code and a ready of another version', () => {
    assert.equal(parseServerMessage(JSON.stringify({t: 'error', code: 'NOPE', message: 'm', fatal: false})).ok, false);
    assert.equal(parseServerMessage(JSON.stringify({...ready, protocol: PROTOCOL_VERSION + 1})).ok, false);
  });
  test('refuses a ready without a usable resume id, start or output offset', () => {
    for (const broken of [{resumeId: undefined}, {resumeId: 'x'}, {start: 'maybe'}, {outputOffset: -1}, {outputOffset: undefined}]) {
      assert.equal(parseServerMessage(JSON.stringify({...ready, ...broken})).ok, false, JSON.stringify(broken));
    }
  });
  test('reports unknown types', () => {
    const parsed = parseServerMessage('{"t":"future"}');
    assert.ok(!parsed.ok && parsed.kind === 'unknown-type');
  });
});

describe('codes', () => {
  test('close codes are 1000, 1009 (sent by ws) or 4000–4999, never 1006', () => {
    for (const [name, code] of Object.entries(CloseCode)) {
      assert.ok(code === 1000 || code === 1009 || (code >= 4000 && code <= 4999), `${name}=${code}`);
    }
  });
  test('every mapped close code is a named one, every error code is RUNNER_ERR_*', () => {
    const named = new Set<number>(Object.values(CloseCode));
    for (const code of Object.values(ERROR_CLOSE_CODES)) assert.ok(named.has(code));
    for (const code of Object.values(ErrorCode)) assert.match(code, /^RUNNER_ERR_[A-Z_]+$/);
    for (const status of Object.values(ERROR_HTTP_STATUS)) assert.ok(status >= 400 && status < 500);
  });
  test('error codes are unique', () => {
    const codes = Object.values(ErrorCode);
    assert.equal(new Set(codes).size, codes.length);
  });
});

describe('ids and subprotocols', () => {
  test('lab id pattern is the lab schema one', () => {
    assert.equal(LAB_ID_PATTERN.source, LAB_ID.source);
    assert.ok(isLabId('crashloop-config'));
    assert.ok(!isLabId('a/b'));
    assert.ok(!isLabId('..'));
  });
  test('the failure code pattern is the lab schema one', () => {
    assert.equal(FAILURE_CODE_PATTERN.source, FAILURE_CODE.source);
  });
  test('a resume id is 128 bits of lowercase hex', () => {
    assert.ok(RESUME_ID_PATTERN.test('0123456789abcdef'.repeat(2)));
    assert.ok(!RESUME_ID_PATTERN.test('0123456789abcdef'.repeat(2).slice(1)));
  });
  test('the client offers the version first, then the token', () => {
    assert.deepEqual(clientSubprotocols('ab'), ['k8slab.v1', 'k8slab.token.ab']);
    assert.equal(Subprotocol.Version, `k8slab.v${PROTOCOL_VERSION}`);
  });
});

describe('protocol.ts stays browser-safe and owns the message types', () => {
  const protocolSource = fs.readFileSync(path.join(SRC, 'protocol.ts'), 'utf8');

  test('protocol.ts has no imports at all', () => {
    assert.doesNotMatch(protocolSource, /^\s*import\s/m);
    assert.doesNotMatch(protocolSource, /require\(/);
  });

  test('runner modules import each other by their .ts file, so compiled imports resolve under node', () => {
    for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(SRC, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
        assert.match(specifier!, /\.(ts|json)$/, `${file} imports ${specifier} without its extension`);
      }
    }
  });

  test('no other runner module spells a message type', () => {
    const distinctive = [...Object.values(ClientMessageType), ...Object.values(ServerMessageType)].filter(
      // 'error' and 'exit' are also Node event names; they are caught by the `t:` rule below.
      (type) => type !== 'error' && type !== 'exit',
    );
    for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('.ts') && f !== 'protocol.ts')) {
      const source = fs.readFileSync(path.join(SRC, file), 'utf8');
      assert.doesNotMatch(source, /\bt:\s*['"`]/, `${file} builds a message with a literal type`);
      for (const type of distinctive) {
        assert.ok(!source.includes(`'${type}'`) && !source.includes(`"${type}"`), `${file} spells '${type}'`);
      }
    }
  });
});
