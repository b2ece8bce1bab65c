/**
 * The sockets a runner holds and their liveness: each is pinged every interval, and one that did
 * not answer the previous ping is terminated (a laptop gone to sleep sends no close). Both runners
 * (local and class) keep their sockets here, so a shutdown can end every one of them.
 */
import type {WebSocket} from 'ws';
import type {Logger} from './log.ts';

export class SocketHeartbeat {
  private readonly sockets = new Set<WebSocket>();
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number, log: Logger) {
    this.timer = setInterval(() => {
      for (const ws of this.sockets) {
        if (!this.alive.get(ws)) {
          log.warn('socket.dead', {reason: 'no pong within heartbeat interval', limitMs: intervalMs});
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      }
    }, intervalMs);
    this.timer.unref();
  }

  track(ws: WebSocket): void {
    this.sockets.add(ws);
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('close', () => this.sockets.delete(ws));
  }

  /** Stops pinging. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** Ends every socket at once: for a shutdown whose clients did not answer the close handshake. */
  terminateAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}
