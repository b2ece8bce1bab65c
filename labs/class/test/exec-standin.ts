/**
 * A stand-in for the two API server endpoints a class session uses, speaking the real wire
 * formats, so the exec bridge is tested without a kubelet:
 *
 *   GET /api/v1/namespaces/<ns>/pods/<pod>        the Pod (Running and ready), for the probe
 *   WS  /api/v1/namespaces/<ns>/pods/<pod>/exec   the exec stream: the query string as kubectl and
 *       client-node send it, subprotocol v5.channel.k8s.io or v4.channel.k8s.io (the test picks
 *       which ones the "server" supports), channel 0 stdin, 1 stdout, 2 stderr, 3 status (a
 *       metav1.Status), 4 resize ({"Width","Height"}), 255 close (v5)
 *
 * The command runs on this machine (node-pty for a TTY, a pipe otherwise), so the toolbox
 * wrappers and lab scripts really run. Bearer tokens decide who may exec where, as RBAC would.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {generate} from 'selfsigned';
import * as nodePty from 'node-pty';
import {WebSocketServer, type WebSocket} from 'ws';

export interface StandinOptions {
  /** Subprotocols this server supports, in its own order of preference. */
  protocols: string[];
  /** Bearer token → the `<namespace>/<pod>` it may exec into and read. */
  grants: Record<string, string>;
  /** `<namespace>/<pod>` of Pods no node took yet: Pending, and exec refused as the API server does. */
  unscheduled?: string[];
}

export interface ExecRecord {
  path: string;
  namespace: string;
  pod: string;
  command: string[];
  tty: boolean;
  protocol: string;
  resizes: {width: number; height: number}[];
  stdinClosed: boolean;
}

export interface Standin {
  /** https://127.0.0.1:<port> (client-node refuses plain http without skipTLSVerify, as it should). */
  url: string;
  /** The server's certificate, base64 PEM, as a kubeconfig's certificate-authority-data. */
  caData: string;
  execs: ExecRecord[];
  /** Upgrades refused (status and reason). */
  refusals: {status: number; reason: string}[];
  close(): Promise<void>;
}

const EXEC_PATH = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/pods\/([a-z0-9-]+)\/exec$/;
const POD_PATH = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/pods\/([a-z0-9-]+)$/;

function status(exitCode: number | null, signal: string | null): Record<string, unknown> {
  if (exitCode === 0) return {metadata: {}, status: 'Success'};
  return {
    metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: ${exitCode ?? signal}`,
    reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: String(exitCode ?? 137)}]},
  };
}

function frame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

/** Starts the stand-in on a free loopback port. */
export async function startStandin(options: StandinOptions): Promise<Standin> {
  const execs: ExecRecord[] = [];
  const refusals: {status: number; reason: string}[] = [];
  const children = new Set<ChildProcess | nodePty.IPty>();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => options.protocols.find((p) => offered.has(p)) ?? false,
  });
  const allowed = (req: http.IncomingMessage, ns: string, pod: string): boolean => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && options.grants[token] === `${ns}/${pod}`;
  };
  const pems = await generate([{name: 'commonName', value: '127.0.0.1'}], {
    keyType: 'ec', curve: 'P-256', extensions: [{name: 'subjectAltName', altNames: [{type: 7, ip: '127.0.0.1'}]}],
  });
  const server = https.createServer({cert: pems.cert, key: pems.private}, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const match = POD_PATH.exec(url.pathname);
    if (!match || req.method !== 'GET') return void res.writeHead(404).end();
    if (!allowed(req, match[1]!, match[2]!)) {
      res.writeHead(403, {'Content-Type': 'application/json'}).end(JSON.stringify({kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, message: 'forbidden'}));
      return;
    }
    if (options.unscheduled?.includes(`${match[1]}/${match[2]}`)) {
      res.writeHead(200, {'Content-Type': 'application/json'}).end(JSON.stringify({apiVersion: 'v1', kind: 'Pod', metadata: {name: match[2], namespace: match[1]}, status: {phase: 'Pending', qosClass: 'Burstable'}}));
      return;
    }
    res.writeHead(200, {'Content-Type': 'application/json'}).end(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: {name: match[2], namespace: match[1]},
      status: {phase: 'Running', containerStatuses: [{name: 'toolbox', ready: true, restartCount: 0, image: 'toolbox', imageID: '', state: {running: {}}}]},
    }));
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const match = EXEC_PATH.exec(url.pathname);
    const refuse = (code: number, reason: string) => {
      refusals.push({status: code, reason});
      const body = JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message: reason, code});
      socket.end(`HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    if (!match) return refuse(404, 'not found');
    if (!allowed(req, match[1]!, match[2]!)) return refuse(403, `pods "${match[2]}" is forbidden`);
    // kube-apiserver's words for exec into a Pod without a node (pkg/registry/core/pod/strategy.go).
    if (options.unscheduled?.includes(`${match[1]}/${match[2]}`)) return refuse(400, `pod ${match[2]} does not have a host assigned`);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!options.protocols.some((p) => offered.includes(p))) return refuse(400, 'no supported subprotocol');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const record: ExecRecord = {
        path: url.pathname, namespace: match[1]!, pod: match[2]!, command: url.searchParams.getAll('command'),
        tty: url.searchParams.get('tty') === 'true', protocol: ws.protocol, resizes: [], stdinClosed: false,
      };
      execs.push(record);
      run(ws, record, url.searchParams.get('stdin') === 'true');
    });
  });

  function run(ws: WebSocket, record: ExecRecord, withStdin: boolean): void {
    const [file, ...args] = record.command;
    let finished = false;
    const finish = (exitCode: number | null, signal: string | null) => {
      if (finished) return;
      finished = true;
      // Output first, then the status, then the close: the order the kubelet's stream keeps.
      setTimeout(() => {
        if (ws.readyState === ws.OPEN) {
          ws.send(frame(3, JSON.stringify(status(exitCode, signal))));
          ws.close(1000);
        }
      }, 20);
    };
    if (record.tty) {
      const pty = nodePty.spawn(file!, args, {name: 'xterm-256color', cols: 80, rows: 24, cwd: '/', env: {PATH: '/usr/bin:/bin'}, encoding: null});
      children.add(pty);
      pty.onData((data) => ws.readyState === ws.OPEN && ws.send(frame(1, data as unknown as Buffer)));
      pty.onExit(({exitCode, signal}) => {
        children.delete(pty);
        finish(signal ? null : exitCode, signal ? String(signal) : null);
      });
      ws.on('message', (data: Buffer) => {
        const channel = data[0];
        const body = data.subarray(1);
        if (channel === 0) pty.write(body.toString('utf8'));
        else if (channel === 4) {
          const size = JSON.parse(body.toString('utf8')) as Record<string, number>;
          const width = size.Width ?? size.width ?? 80;
          const height = size.Height ?? size.height ?? 24;
          record.resizes.push({width, height});
          pty.resize(width, height);
        } else if (channel === 255 && body[0] === 0) record.stdinClosed = true;
      });
      ws.on('close', () => {
        // What the kubelet does when the client goes away: the TTY hangs up.
        try {
          pty.kill('SIGHUP');
        } catch {
          // Already gone.
        }
      });
      return;
    }
    const child = spawn(file!, args, {stdio: [withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: {PATH: '/usr/bin:/bin'}});
    children.add(child);
    child.stdout!.on('data', (chunk: Buffer) => ws.readyState === ws.OPEN && ws.send(frame(1, chunk)));
    child.stderr!.on('data', (chunk: Buffer) => ws.readyState === ws.OPEN && ws.send(frame(2, chunk)));
    child.on('close', (code, signal) => {
      children.delete(child);
      finish(code, signal);
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0) child.stdin?.write(data.subarray(1));
      if (data[0] === 255 && data[1] === 0) {
        record.stdinClosed = true;
        child.stdin?.end();
      }
    });
    // A non-TTY exec whose client went away keeps running: the kubelet has no signal for it.
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caData: Buffer.from(pems.cert).toString('base64'),
    execs,
    refusals,
    async close() {
      for (const child of children) {
        try {
          child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
      }
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      wss.close();
    },
  };
}
