/**
 * Writing to a session's socket: control messages as JSON text frames, runner notes as PTY-direction
 * bytes. Sends to a socket that is no longer open are dropped: a client vanishing mid-output is
 * normal, not an error.
 */
import {WebSocket} from 'ws';
import type {ServerMessage} from './protocol';

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
 * Writes one line of runner text into the terminal (a binary frame, like PTY output), on a line of
 * its own and coloured so it cannot be mistaken for the shell's output.
 * @returns Bytes sent (0 if the socket is closed), for flow control.
 */
export function sendNote(ws: WebSocket, text: string, style: NoteStyle): number {
  if (ws.readyState !== WebSocket.OPEN) return 0;
  const bytes = Buffer.from(`\r${NOTE_COLOUR[style]}${text.replaceAll('\n', '\r\n')}${RESET}\r\n`, 'utf8');
  ws.send(bytes);
  return bytes.length;
}
