/**
 * The answer to an upgrade a runner refuses: a plain HTTP status with the error code as its body
 * and no WebSocket, so a refused page learns the code and nothing else. Both runners (local and
 * class) refuse this way.
 */
import http from 'node:http';
import type {Duplex} from 'node:stream';
import {ERROR_HTTP_STATUS, type ErrorCode} from './protocol.ts';

export function refuseUpgrade(socket: Duplex, code: ErrorCode): void {
  const status = ERROR_HTTP_STATUS[code] ?? 400;
  const body = `${code}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
}
