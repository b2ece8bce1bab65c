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

/** How long after a resize a scroll away from the last line is taken for xterm's own, not the reader's. */
const FOLLOW_AFTER_RESIZE_MS = 500;

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
    xterm.open(host.current!);
    xterm.textarea?.setAttribute('aria-label', label);
    term.current = xterm;
    fit.current = fitAddon;

    let disposed = false;
    webgl.current = () => {
      webgl.current = null;
      loadWebgl(xterm, () => disposed);
    };

    const data = xterm.onData((d) => handlers.current.onInput(d));
    // A terminal that showed its last line before a resize keeps showing it. After fewer rows,
    // xterm 6 (6.0.0) reports a scroll a frame later that puts the view as many lines above the
    // bottom as the rows it lost, and it stays there: what the reader types next is drawn below the
    // visible rows. (Its scrollbar keeps its old position across a resize: xtermjs/xterm.js#6172.)
    // On a resumed session the notice above the terminal changes its height, and most reloads hit it.
    let followUntil = 0;
    const resize = xterm.onResize(({cols, rows}) => {
      const buffer = xterm.buffer.active;
      followUntil = buffer.viewportY >= buffer.baseY ? performance.now() + FOLLOW_AFTER_RESIZE_MS : 0;
      handlers.current.onResize(cols, rows);
    });
    const scroll = xterm.onScroll(() => {
      if (followUntil === 0) return;
      if (performance.now() > followUntil) followUntil = 0;
      else if (xterm.buffer.active.viewportY < xterm.buffer.active.baseY) xterm.scrollToBottom();
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
    observer.observe(host.current!);
    return () => {
      disposed = true;
      if (frame !== 0) cancelAnimationFrame(frame);
      observer.disconnect();
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
