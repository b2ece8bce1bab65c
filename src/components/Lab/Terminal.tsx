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
};

type Props = {
  label: string;
  onInput: (data: string) => void;
  onResize: (cols: number, rows: number) => void;
};

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

const Terminal = forwardRef<TerminalHandle, Props>(function Terminal({label, onInput, onResize}, ref) {
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
    const resize = xterm.onResize(({cols, rows}) => handlers.current.onResize(cols, rows));
    const refit = () => {
      try {
        fitAddon.fit();
      } catch {
        // Hidden (display: none) terminals have no size to fit to.
      }
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(host.current!);
    return () => {
      disposed = true;
      observer.disconnect();
      data.dispose();
      resize.dispose();
      xterm.dispose();
      term.current = null;
    };
    // The terminal is created once; the theme effect below follows the colour mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = colorMode === 'dark' ? DARK : LIGHT;
  }, [colorMode]);

  return <div ref={host} className={styles.terminal} role="region" aria-label={label} data-testid="lab-terminal" />;
});

export default Terminal;
