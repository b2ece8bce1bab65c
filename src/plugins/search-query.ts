/**
 * Korean questions in the top-bar search (and on /search): the search plugin's bar and page import
 * their worker client as `../searchByWorker`; this swaps that one import for
 * src/search/search-by-worker.ts, which rewrites the query and calls the plugin's own module.
 *
 * Why here and not in the page: the plugin's bar passes what was typed straight to a worker it
 * creates itself, with no option or swizzlable component in between; a module swap is the one seam
 * that needs no patched browser globals. The plugin's layout is checked at startup, so an upgrade
 * that moves the module fails the build instead of silently searching untranslated queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';

// Real paths: node_modules may be a symlink, and the bundler reports resolved directories.
const PLUGIN_THEME_DIR = fs.realpathSync(path.dirname(require.resolve('@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js')));
const REQUEST = '../searchByWorker';
const IMPORTERS = ['SearchBar/SearchBar.jsx', 'SearchPage/SearchPage.jsx'];
/** The module the plugin's bar and page get instead. */
export const REPLACEMENT = path.resolve(__dirname, '../search/search-by-worker.ts');

/** Throws, naming the file, when the plugin no longer imports its worker client the way this expects. */
function checkPluginLayout(): void {
  for (const importer of IMPORTERS) {
    const file = path.join(PLUGIN_THEME_DIR, importer);
    const source = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (!source.includes(`from "${REQUEST}"`)) {
      throw new Error(`search-query: ${file} no longer imports "${REQUEST}"; Korean top-bar queries would not be rewritten (check src/plugins/search-query.ts against the search plugin's version)`);
    }
  }
}

function isPluginThemeDir(dir: string): boolean {
  try {
    return fs.realpathSync(dir) === PLUGIN_THEME_DIR;
  } catch {
    return false;
  }
}

/** The rewrite for one module request as the bundler reports it: where the plugin's worker client is asked for, ours. */
export function redirectWorkerClient(resource: {context?: string; request?: string}): void {
  if (resource.request === REQUEST && resource.context && isPluginThemeDir(path.resolve(resource.context, '..'))) resource.request = REPLACEMENT;
}

export default function searchQueryPlugin(_context: LoadContext): Plugin {
  checkPluginLayout();
  return {
    name: 'search-query',
    configureWebpack(config, _isServer, {currentBundler}) {
      const plugins = [new currentBundler.instance.NormalModuleReplacementPlugin(/^\.\.\/searchByWorker$/, redirectWorkerClient)];
      // The bundler's persistent cache keeps modules as resolved: a cache written by a build
      // without this swap (another checkout sharing node_modules/.cache) must not be reused.
      const cache = config.cache;
      if (cache && typeof cache === 'object' && cache.type === 'filesystem') return {plugins, cache: {...cache, version: `${cache.version ?? ''}+search-query`}};
      return {plugins};
    },
  };
}
