/**
 * The bytes a terminal key sends, for the key bar of phones (whose keyboards have no Esc, Tab,
 * arrows or Ctrl). The same sequences xterm.js sends for the physical keys.
 */

export const BarKey = {
  Escape: 'escape',
  Tab: 'tab',
  Left: 'left',
  Up: 'up',
  Down: 'down',
  Right: 'right',
} as const;
export type BarKey = (typeof BarKey)[keyof typeof BarKey];

const ARROW_FINAL: Record<string, string> = {[BarKey.Up]: 'A', [BarKey.Down]: 'B', [BarKey.Right]: 'C', [BarKey.Left]: 'D'};

/**
 * @param applicationCursor the terminal is in application cursor mode (DECCKM, set by less, vim,
 *   top): arrows then send `ESC O A` instead of `ESC [ A`
 * @param ctrl Ctrl is held: arrows send the xterm modifier form `ESC [ 1 ; 5 A`
 */
export function keySequence(key: BarKey, {applicationCursor = false, ctrl = false} = {}): string {
  switch (key) {
    case BarKey.Escape:
      return '\x1b';
    case BarKey.Tab:
      return '\t';
    default: {
      const final = ARROW_FINAL[key];
      if (ctrl) return `\x1b[1;5${final}`;
      return applicationCursor ? `\x1bO${final}` : `\x1b[${final}`;
    }
  }
}

/** Ctrl with the keys that have a control character besides the letters (as xterm maps them). */
const CTRL_SPECIAL: Record<string, string> = {
  '@': '\x00', ' ': '\x00', '2': '\x00', '[': '\x1b', '3': '\x1b', '\\': '\x1c', '4': '\x1c',
  ']': '\x1d', '5': '\x1d', '^': '\x1e', '6': '\x1e', '_': '\x1f', '7': '\x1f', '/': '\x1f', '?': '\x7f', '8': '\x7f',
};

/**
 * What one typed character becomes with Ctrl held: `c` → ETX (0x03), `[` → ESC. A character with
 * no control form, or more than one character (a word an input method commits), is sent as it is.
 */
export function withCtrl(data: string): string {
  if (data.length !== 1) return data;
  if (/[a-z]/i.test(data)) return String.fromCharCode(data.toUpperCase().charCodeAt(0) - 64);
  return CTRL_SPECIAL[data] ?? data;
}
