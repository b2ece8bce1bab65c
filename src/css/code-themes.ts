/**
 * Code block colours. The stock Prism themes put some token colours below WCAG AA contrast on their
 * own background (GitHub's comments are #999988 on #f6f8fa, 2.7:1), and readers copy commands
 * from these blocks. Each token colour is moved toward black (light theme) or white (dark theme)
 * until it reaches 4.6:1 against the block's background; the hue stays, so the theme still reads
 * as itself.
 */
import {themes, type PrismTheme} from 'prism-react-renderer';

/** AA asks 4.5:1 for normal text; a little margin absorbs rounding in the checkers. */
const TARGET_CONTRAST = 4.6;

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)`, as the Prism themes write colours. */
function channels(color: string): [number, number, number] | null {
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Mixes `color` toward black or white in small steps until it reaches the target contrast. */
export function readable(color: string, background: string): string {
  const fg = channels(color);
  const bg = channels(background);
  if (!fg || !bg) return color;
  const toward = luminance(bg) > 0.5 ? 0 : 255;
  let current = fg;
  for (let step = 0; step < 40 && contrast(current, bg) < TARGET_CONTRAST; step += 1) {
    current = current.map((v) => v + (toward - v) * 0.06) as [number, number, number];
  }
  return toHex(current);
}

function accessible(theme: PrismTheme): PrismTheme {
  const background = theme.plain.backgroundColor ?? '#ffffff';
  return {
    plain: {...theme.plain, color: theme.plain.color ? readable(theme.plain.color, background) : theme.plain.color},
    // Some themes fade tokens with opacity (`namespace` at 0.7), which lowers contrast the same way.
    styles: theme.styles.map((entry) => {
      const {opacity: _faded, ...style} = entry.style;
      return {...entry, style: {...style, ...(style.color ? {color: readable(style.color, background)} : {})}};
    }),
  };
}

export const lightCodeTheme = accessible(themes.github);
export const darkCodeTheme = accessible(themes.dracula);
