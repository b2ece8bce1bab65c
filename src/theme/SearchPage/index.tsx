/**
 * The search plugin's results page (/search), given back the query of the address it was opened
 * at. Opened directly (a reload of the results, a shared link), the plugin's page first renders as
 * the server did, with no query, and its first effect writes that empty query into the address:
 * `q` is gone before the page reads it, and the reader sees an empty search. This keeps `q` from
 * the address the page was opened at and, once the page knows it is in the browser, puts it back if
 * it was dropped; the plugin's page then searches for it as if it had been typed. Reached from the
 * search bar's "see all results" link the page is already in the browser, keeps `q` and this does
 * nothing.
 */
import {useEffect, useRef, type ReactNode} from 'react';
import {useHistory, useLocation} from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';
import SearchPage from '@theme-original/SearchPage';

const QUERY = 'q';

export default function SearchPageWithAddressQuery(): ReactNode {
  const isBrowser = useIsBrowser();
  const history = useHistory();
  const location = useLocation();
  // Read during the first render, before any effect of the plugin's page has run.
  const opened = useRef<string | null | undefined>(undefined);
  if (opened.current === undefined && typeof window !== 'undefined') opened.current = new URLSearchParams(window.location.search).get(QUERY);
  useEffect(() => {
    const query = opened.current;
    if (!isBrowser || !query) return;
    opened.current = null;
    const params = new URLSearchParams(location.search);
    if (params.get(QUERY)) return;
    params.set(QUERY, query);
    history.replace({search: params.toString()});
    // Once, when hydration is over; later changes of the address are the plugin's page's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isBrowser]);
  return <SearchPage />;
}
