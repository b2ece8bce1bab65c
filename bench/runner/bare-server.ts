/**
 * The baseline: a bare ws + node-pty pipe with no protocol, no auth and no flow control. PTY bytes
 * go out as binary frames, client frames go into the PTY. Loopback only; for the bench, never for
 * readers.
 */
import http from 'node:http';
import * as nodePty from 'node-pty';
import {WebSocketServer} from 'ws';

export interface BareServer {
  port: number;
  close(): Promise<void>;
}

/**
 * @param env Environment of each shell (the bench gives it a recognisable prompt).
 */
export async function startBareServer(env: Record<string, string>): Promise<BareServer> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({server, perMessageDeflate: false});
  const shells = new Set<nodePty.IPty>();
  wss.on('connection', (ws) => {
    const pty = nodePty.spawn('bash', ['--norc', '--noprofile', '-i'], {name: 'xterm-256color', cols: 80, rows: 24, cwd: env.HOME, env, encoding: null});
    shells.add(pty);
    pty.onData((data) => ws.send(data as unknown as Buffer));
    pty.onExit(() => {
      shells.delete(pty);
      ws.close();
    });
    ws.on('message', (data) => pty.write(data as Buffer));
    ws.on('close', () => pty.kill('SIGKILL'));
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async close() {
      for (const pty of shells) pty.kill('SIGKILL');
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
