/**
 * A static server for the built site that compresses like any production host (gzip for text),
 * so Lighthouse measures what readers download. `docusaurus serve` sends everything uncompressed.
 * Resolves `/a/b` to `build/a/b.html` or `build/a/b/index.html`, as Docusaurus' own server does.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml']);

function resolve(root, urlPath) {
  const clean = path.normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const candidates = [clean, `${clean}.html`, path.join(clean, 'index.html')];
  for (const candidate of candidates) {
    const file = path.join(root, candidate);
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

export function serve(root, port) {
  const server = http.createServer((request, response) => {
    const file = resolve(root, request.url ?? '/') ?? path.join(root, '404.html');
    const ext = path.extname(file);
    const body = fs.readFileSync(file);
    const headers = {'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'public, max-age=600'};
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(fs.existsSync(file) && resolve(root, request.url ?? '/') ? 200 : 404, gzip ? {...headers, 'content-encoding': 'gzip'} : headers);
    response.end(gzip ? zlib.gzipSync(body, {level: 6}) : body);
  });
  return new Promise((resolvePromise) => server.listen(port, '127.0.0.1', () => resolvePromise(server)));
}
