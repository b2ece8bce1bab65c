/**
 * Writing to a session's socket: control messages as JSON text frames, runner notes as PTY-direction
 * bytes. Sends to a socket that is no longer open are dropped: a client vanishing mid-output is
 * normal, not an error (terminal bytes are kept for a resume by the terminal stream).
 */
import {WebSocket} from 'ws';
import type {ServerMessage} from './protocol.ts';

/** How a runner note looks in the terminal. */
export type NoteStyle = 'info' | 'warn';

/** SGR colours: cyan for information, yellow for what needs the reader's attention. */
const NOTE_COLOUR: Record<NoteStyle, string> = {info: '\x1b[36m', warn: '\x1b[33m'};
const RESET = '\x1b[0m';

/** Sends one control message as a text frame. */
export function sendText(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

/**
 * One line of runner text as terminal bytes: on a line of its own and coloured, so it cannot be
 * mistaken for the shell's output.
 */
export function noteBytes(text: string, style: NoteStyle): Buffer {
  return Buffer.from(`\r${NOTE_COLOUR[style]}${text.replaceAll('\n', '\r\n')}${RESET}\r\n`, 'utf8');
}
