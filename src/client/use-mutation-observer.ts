/**
 * Stands in for @docusaurus/theme-common's hooks/useMutationObserver.js (src/ssr/lighter-startup.ts
 * puts it in its place), with one difference: the options object is memoised on its entries sorted
 * by plain string order. The original sorts them with localeCompare, and every code block on a page
 * calls this hook while hydrating (useCodeWordWrap); those collation calls were a tenth of a
 * runbook's hydration on a phone. Option names are ASCII identifiers, so the order is as stable.
 */
import {useEffect, useMemo} from 'react';
import {useEvent} from '@docusaurus/theme-common/internal';

const DEFAULT_OPTIONS: MutationObserverInit = {attributes: true, characterData: true, childList: true, subtree: true};

export function useMutationObserver(target: Element | undefined | null, callback: MutationCallback, options: MutationObserverInit = DEFAULT_OPTIONS): void {
  const stableCallback = useEvent(callback);
  const deps = Object.entries(options)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flat();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableOptions = useMemo(() => options, deps);
  useEffect(() => {
    const observer = new MutationObserver(stableCallback);
    if (target) observer.observe(target, stableOptions);
    return () => observer.disconnect();
  }, [target, stableCallback, stableOptions]);
}
