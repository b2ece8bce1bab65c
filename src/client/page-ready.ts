/**
 * The site's scripts start after the browser has painted the server-rendered page (see
 * src/ssr/paint-first-template.ts), so for a moment a page is readable but its buttons do nothing
 * yet. `<html data-page-ready>` marks the end of that moment: React has hydrated the page. The
 * browser tests wait for it before they click or type, as a reader's later clicks would.
 */
export function onRouteDidUpdate(): void {
  document.documentElement.dataset.pageReady = 'true';
}
