/**
 * The code highlighter in the server build: there, every page is rendered with its code blocks
 * highlighted, so the highlighter is present from the start (see highlighter.ts for the browser).
 */
import {Highlight} from './prism';
import type {Highlighter} from './highlighter';

export function loadedHighlighter(): Highlighter | null {
  return Highlight;
}

export function loadHighlighter(): Promise<Highlighter> {
  return Promise.resolve(Highlight);
}
