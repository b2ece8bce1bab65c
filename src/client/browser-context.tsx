/**
 * Stands in for @docusaurus/core's client/browserContext.js (src/ssr/lighter-startup.ts puts it in
 * its place), with one difference: the switch to "this is the browser" after hydration is a React
 * transition. Every component that asks useIsBrowser (code block buttons, the colour mode toggle,
 * BrowserOnly parts) renders again at that moment; as an ordinary update that render ran in one
 * piece, the longest task of a doc page's startup on a phone. As a transition React renders it in
 * slices and lets the browser answer input in between.
 */
import {createContext, startTransition, useEffect, useState, type ReactNode} from 'react';

/** True once hydration is done (read with useIsBrowser). */
export const Context = createContext(false);

export function BrowserContextProvider({children}: {children: ReactNode}): ReactNode {
  const [isBrowser, setIsBrowser] = useState(false);
  useEffect(() => {
    startTransition(() => setIsBrowser(true));
  }, []);
  return <Context.Provider value={isBrowser}>{children}</Context.Provider>;
}
