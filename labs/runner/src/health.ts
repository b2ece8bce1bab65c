/**
 * The one plain HTTP answer a runner gives: `GET /healthz` (and its CORS preflight), which the
 * lab page asks before it opens a socket, so "runner not running" and "token refused" differ.
 * Anything else is 404. Host is checked before this, by the caller.
 */
import type http from 'node:http';
import {ErrorCode, PROTOCOL_VERSION, RunnerPath, type HealthResponse} from './protocol.ts';

export interface HealthOptions {
  /** Page origins that may read the answer. */
  origins: ReadonlySet<string>;
  /**
   * Answer Chrome's Private Network Access preflight: a public page asking a loopback runner.
   * Only the local runner listens on loopback for pages elsewhere.
   */
  privateNetwork: boolean;
}

export function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, options: HealthOptions): void {
  const pathname = (req.url ?? '').split('?')[0];
  if (pathname !== RunnerPath.Health || !['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? '')) {
    res.writeHead(404, {'Content-Type': 'text/plain; charset=utf-8'}).end(`${ErrorCode.NotFound}\n`);
    return;
  }
  const headers: http.OutgoingHttpHeaders = {'Cache-Control': 'no-store', Vary: 'Origin'};
  const origin = req.headers.origin;
  if (origin && options.origins.has(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    if (options.privateNetwork && req.method === 'OPTIONS') headers['Access-Control-Allow-Private-Network'] = 'true';
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {...headers, 'Access-Control-Allow-Methods': 'GET'}).end();
    return;
  }
  const body: HealthResponse = {ok: true, protocol: PROTOCOL_VERSION};
  res.writeHead(200, {...headers, 'Content-Type': 'application/json'}).end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
}
