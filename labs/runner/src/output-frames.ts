/**
 * Sends terminal output as WebSocket binary frames, the small ones (echoed keys, prompts) in one
 * write to the TCP socket.
 *
 * ws sends every frame as a header and a payload: it corks the socket, writes both and uncorks,
 * which takes node through its buffered-write and `writev` path. For a keystroke's echo that path
 * is a measurable share of the whole round trip: in four alternating pairs of bench runs, each
 * judged against the same baseline in the same run, one write put the runner's echo p50 2–9 %
 * lower (bench/runner/README.md, "A fourth host"). Anything bigger, and every control message,
 * still goes through ws.
 *
 * The socket is the one the runner's own upgrade handler passed to `handleUpgrade`, so nothing of
 * ws's internals is touched. Order with ws's frames is kept: ws writes to the socket as it sends
 * (no compression here), and a small frame is written directly only while ws holds nothing
 * queued (`bufferedAmount` 0); otherwise it goes through ws, behind whatever is there.
 */
import type {Duplex} from 'node:stream';
import type {WebSocket} from 'ws';

/** RFC 6455 §5.2: a payload of up to 125 bytes has its length in the header's second byte. */
const MAX_SHORT_PAYLOAD_BYTES = 125;
/** FIN set, opcode 0x2 (binary): one whole binary message. */
const FIN_BINARY = 0x82;

const upgradedSockets = new WeakMap<WebSocket, Duplex>();

/** Records the TCP socket under `ws` (call from `handleUpgrade`'s callback). */
export function adoptUpgradedSocket(ws: WebSocket, socket: Duplex): void {
  upgradedSockets.set(ws, socket);
}

/** Sends `payload` as one binary message on an open `ws`. */
export function sendOutputFrame(ws: WebSocket, payload: Buffer): void {
  const socket = upgradedSockets.get(ws);
  if (socket && payload.length <= MAX_SHORT_PAYLOAD_BYTES && ws.bufferedAmount === 0 && socket.writable) {
    const frame = Buffer.allocUnsafe(2 + payload.length);
    frame[0] = FIN_BINARY;
    // A server's frames are never masked, so the length byte is the length.
    frame[1] = payload.length;
    payload.copy(frame, 2);
    socket.write(frame);
    return;
  }
  ws.send(payload);
}
