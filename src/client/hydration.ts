/**
 * Telling hydration apart from rendering in the browser, for components that keep server markup
 * in place instead of rendering it again (the code block content). A client module
 * (docusaurus.config.ts), so that its onRouteDidUpdate runs in the commit of the first render.
 */

/** Set in the layout effects of the first commit: from then on nothing mounts from server markup. */
let firstRenderCommitted = false;

/**
 * True on the server and, in the browser, while the first render hydrates the server's markup;
 * false for everything mounted after that (client-side navigation, parts shown later). Docusaurus
 * hydrates only production builds; under `docusaurus start` the browser renders from scratch and
 * this is always false there. Read it when a component mounts: later renders of the same component
 * are after the commit.
 */
export function isServerMarkupPhase(): boolean {
  if (typeof window === 'undefined') return true;
  return !firstRenderCommitted && Boolean(process.env.HYDRATE_CLIENT_ENTRY);
}

export function onRouteDidUpdate(): void {
  firstRenderCommitted = true;
}
