/** Modules written at build time by the site's own plugins (src/plugins/). */
declare module '@generated/lab-data/default/loaders.js' {
  import type {LabData} from '@site/src/plugins/lab-data';

  /** Lab id → a loader for that lab's data only. */
  const loaders: Record<string, (() => Promise<{default: LabData}>) | undefined>;
  export default loaders;
}
