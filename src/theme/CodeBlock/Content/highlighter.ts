/**
 * The code highlighter, in the browser: loaded on first need, never at startup. Server-rendered
 * code blocks arrive highlighted already, so on a first visit in the default colour mode nothing
 * here runs; a block rendered in the browser (after client-side navigation, or the dark theme) asks
 * for it and shows its text unhighlighted until it arrives.
 *
 * The server build gets highlighter.server.ts in its place (src/ssr/lighter-startup.ts).
 */
import type {Highlight as HighlightComponent} from 'prism-react-renderer';

export type Highlighter = typeof HighlightComponent;

let loaded: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

/** The highlighter if it has loaded, else null. */
export function loadedHighlighter(): Highlighter | null {
  return loaded;
}

/** Loads the highlighter once; every caller gets the same promise. */
export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import(/* webpackChunkName: "code-highlighter" */ './prism').then(
    (module) => (loaded = module.Highlight),
    (error: unknown) => {
      // A failed chunk load (offline) leaves blocks unhighlighted; a later block may retry.
      loading = null;
      throw error;
    },
  );
  return loading;
}
