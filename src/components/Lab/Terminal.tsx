/**
 * The xterm.js terminal of a lab page. Loaded only in the browser and only on lab pages (the Lab
 * component imports this file lazily), so no other page pays for xterm.
 */
import {forwardRef, useEffect, useImperativeHandle, useRef} from 'react';
import {Terminal as XTerm} from '@xterm/xterm';
import {FitAddon} from '@xterm/addon-fit';
import {WebLinksAddon} from '@xterm/addon-web-links';
import {Unicode11Addon} from '@xterm/addon-unicode11';
import {useColorMode} from '@docusaurus/theme-common';
import '@xterm/xterm/css/xterm.css';
import styles from './styles.module.css';

export type TerminalHandle = {
  write: (data: Uint8Array | string, done?: () => void) => void;
  size: () => {cols: number; rows: number};
  focus: () => void;
  reset: () => void;
  /** Application cursor mode (DECCKM) is on: arrow keys send `ESC O x`. */
  applicationCursor: () => boolean;
};

type Props = {
  label: string;
  /** xterm's screen reader mode: output goes to a live region and a row list a screen reader reads. */
  screenReader: boolean;
  onInput: (data: string) => void;
  onResize: (cols: number, rows: number) => void;
};

/**
 * How long after the reader's own wheel turn, swipe or scroll key a scroll away from the last line
 * is taken for theirs. Only gestures that scroll count: a tap, a click or a key the shell gets does
 * not, and a scroll with no gesture behind it is xterm's own.
 */
const READER_SCROLL_MS = 1000;
/** With Shift, these page xterm's view (xterm 6); every other key goes to the shell. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown']);

const LIGHT = {background: '#fbfbfb', foreground: '#1b1b1b', cursor: '#1b1b1b', selectionBackground: '#c7d7f5'};
const DARK = {background: '#17181b', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3b4a66'};

/**
 * WebGL draws heavy output faster; the DOM renderer works everywhere and is what the terminal
 * starts with. The WebGL addon (about 35 KB, and a long task to set up on a phone) loads when the
 * terminal first has output to draw, so a page whose runner is not running never pays for it.
 * Automated browsers keep the DOM renderer, so what the terminal shows is also in the page's text.
 */
function loadWebgl(xterm: XTerm, disposed: () => boolean): void {
  if (typeof navigator === 'undefined' || navigator.webdriver) return;
  void import('@xterm/addon-webgl')
    .then(({WebglAddon}) => {
      if (disposed()) return;
      const addon = new WebglAddon();
      addon.onContextLoss(() => addon.dispose());
      xterm.loadAddon(addon);
    })
    .catch(() => undefined);
}

const Terminal = forwardRef<TerminalHandle, Props>(function Terminal({label, screenReader, onInput, onResize}, ref) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm | null>(null);
  const fit = useRef<FitAddon | null>(null);
  // Set while the WebGL renderer has not been asked for; the first output asks for it.
  const webgl = useRef<(() => void) | null>(null);
  const {colorMode} = useColorMode();
  const handlers = useRef({onInput, onResize});
  handlers.current = {onInput, onResize};

  useImperativeHandle(ref, () => ({
    write: (data, done) => {
      webgl.current?.();
      term.current?.write(data, done);
    },
    size: () => ({cols: term.current?.cols ?? 80, rows: term.current?.rows ?? 24}),
    focus: () => term.current?.focus(),
    reset: () => term.current?.reset(),
    applicationCursor: () => term.current?.modes.applicationCursorKeysMode ?? false,
  }));

  useEffect(() => {
    const xterm = new XTerm({
      allowProposedApi: true,
      cursorBlink: true,
      convertEol: false,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "D2Coding", "Noto Sans Mono CJK KR", monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: colorMode === 'dark' ? DARK : LIGHT,
      // ANSI colours (a cyan prompt, yellow warnings) are made for dark terminals; xterm darkens or
      // lightens any that would read below WCAG AA against the background.
      minimumContrastRatio: 4.5,
      screenReaderMode: screenReader,
    });
    const fitAddon = new FitAddon();
    xterm.loadAddon(fitAddon);
    xterm.loadAddon(new WebLinksAddon());
    const unicode = new Unicode11Addon();
    xterm.loadAddon(unicode);
    xterm.unicode.activeVersion = '11';
    const hostElement = host.current!;
    xterm.open(hostElement);
    xterm.textarea?.setAttribute('aria-label', label);
    term.current = xterm;
    fit.current = fitAddon;

    let disposed = false;
    webgl.current = () => {
      webgl.current = null;
      loadWebgl(xterm, () => disposed);
    };

    const data = xterm.onData((d) => handlers.current.onInput(d));
    const resize = xterm.onResize(({cols, rows}) => handlers.current.onResize(cols, rows));
    // A view on the last line stays there until the reader scrolls away. After fewer rows, xterm 6
    // (6.0.0) reports a scroll that puts the view as many lines above the bottom as the rows it
    // lost, and leaves it there: what the reader types next is drawn below the visible rows. (Its
    // scrollbar keeps its old position across a resize: xtermjs/xterm.js#6172.) On a resumed session
    // the notice above the terminal changes its height, and most reloads hit it. That scroll comes
    // a frame after the resize, which on a busy machine can be a second later: so it is told from
    // the reader's by the gesture behind it, never by how soon it follows the resize.
    let atBottom = true;
    let readerScrolledAt = -Infinity;
    let pointerHeld = false;
    const readerScrolls = () => {
      readerScrolledAt = performance.now();
    };
    // While a pointer is held, a drag on the scrollbar or a selection past the edge scrolls.
    const pointerDown = () => (pointerHeld = true);
    const pointerUp = () => (pointerHeld = false);
    const scrollKey = (event: KeyboardEvent) => {
      if (event.shiftKey && SCROLL_KEYS.has(event.key)) readerScrolls();
    };
    // A screen reader moving through the rows scrolls the view; the page focusing the terminal does not.
    const rowFocus = (event: FocusEvent) => {
      if ((event.target as Element | null)?.closest?.('.xterm-accessibility-tree')) readerScrolls();
    };
    const gestures: [string, EventListener][] = [
      ['wheel', readerScrolls], ['touchmove', readerScrolls],
      ['pointerdown', pointerDown], ['keydown', scrollKey as EventListener], ['focusin', rowFocus as EventListener],
    ];
    for (const [type, listener] of gestures) hostElement.addEventListener(type, listener, {capture: true, passive: true});
    window.addEventListener('pointerup', pointerUp, true);
    window.addEventListener('pointercancel', pointerUp, true);
    const scroll = xterm.onScroll(() => {
      const buffer = xterm.buffer.active;
      if (buffer.viewportY >= buffer.baseY) atBottom = true;
      else if (pointerHeld || performance.now() - readerScrolledAt < READER_SCROLL_MS) atBottom = false;
      else if (atBottom) xterm.scrollToBottom();
    });
    // The terminal takes the size of its box, never the other way round: the box is sized by the
    // layout (min-width: 0, a fixed height), and a resize is applied in the next animation frame,
    // outside the ResizeObserver callback. Resizing inside the callback changed the observed box
    // again and the browser reported "ResizeObserver loop completed with undelivered notifications".
    let frame = 0;
    const refit = () => {
      frame = 0;
      if (disposed) return;
      const proposed = fitAddon.proposeDimensions();
      if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return; // hidden: nothing to fit
      if (proposed.cols === xterm.cols && proposed.rows === xterm.rows) return;
      fitAddon.fit();
    };
    const scheduleRefit = () => {
      if (frame === 0) frame = requestAnimationFrame(refit);
    };
    refit();
    const observer = new ResizeObserver(scheduleRefit);
    observer.observe(hostElement);
    return () => {
      disposed = true;
      if (frame !== 0) cancelAnimationFrame(frame);
      observer.disconnect();
      for (const [type, listener] of gestures) hostElement.removeEventListener(type, listener, true);
      window.removeEventListener('pointerup', pointerUp, true);
      window.removeEventListener('pointercancel', pointerUp, true);
      data.dispose();
      resize.dispose();
      scroll.dispose();
      xterm.dispose();
      term.current = null;
    };
    // The terminal is created once; the theme effect below follows the colour mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = colorMode === 'dark' ? DARK : LIGHT;
  }, [colorMode]);

  useEffect(() => {
    if (term.current && term.current.options.screenReaderMode !== screenReader) term.current.options.screenReaderMode = screenReader;
  }, [screenReader]);

  return (
    <div className={styles.terminal} role="region" aria-label={label} data-testid="lab-terminal">
      <div ref={host} className={styles.terminalHost} />
    </div>
  );
});

export default Terminal;
