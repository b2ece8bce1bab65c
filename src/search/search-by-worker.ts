/**
 * Stands in for the search plugin's `searchByWorker` module (src/plugins/search-query.ts swaps it
 * in): the top bar and the /search page hand the plugin's worker the Kubernetes terms for a Korean
 * question (src/finder/text/search-query.ts), while the box keeps what the reader typed. English
 * and other queries reach the worker unchanged.
 */
import {fetchIndexesByWorker, searchByWorker as pluginSearchByWorker} from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js';
import {searchQueryFor} from '../finder/text/search-query';

export {fetchIndexesByWorker};

/** The plugin's search with the query normalised; `limit` is a number of results. */
export function searchByWorker(baseUrl: string, searchContext: string, input: string, limit: number): Promise<unknown[]> {
  return pluginSearchByWorker(baseUrl, searchContext, searchQueryFor(input), limit);
}
