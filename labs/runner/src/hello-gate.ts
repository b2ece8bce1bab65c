/**
 * A fresh socket until its `hello`: the first control message decides whether it starts a new
 * session or resumes one, so no session exists before it. Anything else first closes the socket
 * with the runner's own code (4400 malformed or not `hello`, 4408 nothing in time); texts follow
 * the upgrade's Accept-Language, as no `hello` has named a language yet.
 */
import type {RawData, WebSocket} from 'ws';
import {errorText, translator, type MessageValues} from './i18n.ts';
import type {Logger} from './log.ts';
import {
  ClientMessageType, ERROR_CLOSE_CODES, ErrorCode, ServerMessageType, parseClientMessage,
  type HelloMessage, type Locale,
} from './protocol.ts';
import {sendText} from './session-io.ts';

export interface HelloGateOptions {
  /** Language for refusals before `hello`. */
  locale: Locale;
  helloTimeoutMs: number;
  maxControlMessageBytes: number;
  log: Logger;
}

/** Turns a raw `ws` payload into one buffer. */
export function toBuffer(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/**
 * Sends a fatal error and closes the socket with the code that goes with it.
 * @param locale Language of the message.
 */
export function refuseSocket(ws: WebSocket, code: ErrorCode, locale: Locale, values?: MessageValues): void {
  sendText(ws, {t: ServerMessageType.Error, code, message: errorText(translator(locale), code, values), fatal: true});
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(ERROR_CLOSE_CODES[code] ?? 1000, code);
}

/**
 * Waits for `hello` on `ws`. Calls `onHello` at most once, synchronously from the message that
 * carried it and with the gate's listeners already gone, so the next message reaches whoever
 * takes the socket over. Calls `onDone` once when the gate is finished with the socket either way.
 */
export function awaitHello(ws: WebSocket, options: HelloGateOptions, onHello: (hello: HelloMessage) => void, onDone: () => void): void {
  const {log} = options;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    ws.off('message', onMessage);
    ws.off('close', onClose);
    onDone();
  };
  const refuse = (code: ErrorCode, values?: MessageValues): void => {
    log.info('session.closing', {reason: code, state: 'awaiting-hello', ...values});
    finish();
    refuseSocket(ws, code, options.locale, values);
  };
  const onMessage = (data: RawData, isBinary: boolean): void => {
    const buffer = toBuffer(data);
    if (isBinary) {
      log.debug('input.dropped', {reason: 'no hello yet', bytes: buffer.length});
      return;
    }
    if (buffer.length > options.maxControlMessageBytes) {
      log.warn('message.refused', {reason: 'control message too big', bytes: buffer.length, limitBytes: options.maxControlMessageBytes});
      const reason = `control message over ${options.maxControlMessageBytes} bytes`;
      sendText(ws, {
        t: ServerMessageType.Error, code: ErrorCode.BadMessage, fatal: false,
        message: errorText(translator(options.locale), ErrorCode.BadMessage, {reason}),
      });
      return;
    }
    const parsed = parseClientMessage(buffer.toString('utf8'));
    if (!parsed.ok) {
      if (parsed.kind === 'unknown-type') {
        log.info('message.ignored', {reason: 'unknown type', type: parsed.type});
        return;
      }
      log.warn('message.refused', {reason: parsed.reason, state: 'awaiting-hello'});
      refuse(ErrorCode.BadMessage, {reason: parsed.reason});
      return;
    }
    if (parsed.message.t !== ClientMessageType.Hello) {
      refuse(ErrorCode.BadMessage, {reason: 'the first message must be hello'});
      return;
    }
    finish();
    onHello(parsed.message);
  };
  const onClose = (): void => finish();
  const timer = setTimeout(() => refuse(ErrorCode.HelloTimeout), options.helloTimeoutMs);
  ws.on('message', onMessage);
  ws.on('close', onClose);
}
