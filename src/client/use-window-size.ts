/**
 * Stands in for @docusaurus/theme-common's hooks/useWindowSize.js (src/ssr/lighter-startup.ts puts
 * it in its place), with one difference: the window size class is updated in a React transition.
 * Right after hydration every user of the hook (the doc layout's table of contents, the sidebar,
 * the navbar) moves from `ssr` to `mobile` or `desktop`; as an ordinary update that render ran in
 * one long task on a phone, as a transition it is rendered in slices.
 *
 * Same contract as the original: `ssr` on the server and during hydration (so hydration matches
 * the server markup), then `desktop` above 996 px (Infima's breakpoint) and `mobile` below.
 */
import {startTransition, useEffect, useState} from 'react';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

type WindowSize = 'desktop' | 'mobile' | 'ssr';

/** Infima's breakpoint; theme-common's DesktopBreakpoint. */
const DESKTOP_BREAKPOINT_PX = 996;

function getWindowSize(desktopBreakpoint: number): WindowSize {
  if (!ExecutionEnvironment.canUseDOM) throw new Error('getWindowSize() should only be called after React hydration');
  return window.innerWidth > desktopBreakpoint ? 'desktop' : 'mobile';
}

export function useWindowSize({desktopBreakpoint = DESKTOP_BREAKPOINT_PX}: {desktopBreakpoint?: number} = {}): WindowSize {
  const [windowSize, setWindowSize] = useState<WindowSize>('ssr');
  useEffect(() => {
    const update = (): void => {
      const next = getWindowSize(desktopBreakpoint);
      startTransition(() => setWindowSize(next));
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [desktopBreakpoint]);
  return windowSize;
}
