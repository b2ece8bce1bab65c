/** Modules written at build time by the site's own plugins (src/plugins/). */
declare module '@generated/lab-data/default/loaders.js' {
  import type {LabData} from '@site/src/plugins/lab-data';

  /** Lab id → a loader for that lab's data only. */
  const loaders: Record<string, (() => Promise<{default: LabData}>) | undefined>;
  export default loaders;
}

/** The search plugin's client module that talks to its worker (wrapped by src/search/search-by-worker.ts). */
declare module '@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js' {
  export function fetchIndexesByWorker(baseUrl: string, searchContext: string): Promise<void>;
  export function searchByWorker(baseUrl: string, searchContext: string, input: string, limit: number): Promise<unknown[]>;
}

/** The search plugin's results page (wrapped by src/theme/SearchPage). */
declare module '@theme-original/SearchPage' {
  import type {ReactNode} from 'react';

  export default function SearchPage(): ReactNode;
}
