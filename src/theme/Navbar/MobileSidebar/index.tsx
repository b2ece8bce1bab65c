/**
 * The phone menu (theme-classic's navbar mobile sidebar), mounted the first time the reader goes
 * for the menu button instead of as soon as the page hydrates on a phone.
 *
 * Why: the menu repeats the whole navbar and, on a doc page, the whole doc sidebar. Rendered right
 * after hydration it was most of the second long task of a phone's page load, for a menu most
 * readers never open. It mounts on the first sign of use (pointer or touch down on the button,
 * focus, hover), so it is usually there before the click that opens it; a click that comes first
 * still opens it, because the button's own handler sets `shown` and `shown` alone mounts the menu:
 * no tap is lost. Once mounted it stays mounted for the rest of the visit.
 */
import {startTransition, useEffect, useState, type ReactNode} from 'react';
import {useNavbarMobileSidebar} from '@docusaurus/theme-common/internal';
import NavbarMobileSidebar from '@theme-original/Navbar/MobileSidebar';

/** The navbar's menu button (theme-classic Navbar/MobileSidebar/Toggle). */
const TOGGLE_SELECTOR = '.navbar__toggle';
const INTENT_EVENTS = ['pointerdown', 'touchstart', 'focusin', 'pointerover'] as const;

/** Set on first use; every later page of the visit mounts the menu with the navbar. */
let wanted = false;

function useMenuWanted(shown: boolean): boolean {
  const [isWanted, setWanted] = useState(wanted);
  if (shown) wanted = true;
  useEffect(() => {
    if (isWanted) return undefined;
    const onIntent = (event: Event): void => {
      if (!(event.target instanceof Element) || !event.target.closest(TOGGLE_SELECTOR)) return;
      wanted = true;
      startTransition(() => setWanted(true));
    };
    for (const type of INTENT_EVENTS) document.addEventListener(type, onIntent, {capture: true, passive: true});
    return () => {
      for (const type of INTENT_EVENTS) document.removeEventListener(type, onIntent, {capture: true});
    };
  }, [isWanted]);
  return isWanted || shown;
}

export default function LazyNavbarMobileSidebar(): ReactNode {
  const {shown, shouldRender} = useNavbarMobileSidebar();
  const mount = useMenuWanted(shown);
  return shouldRender && mount ? <NavbarMobileSidebar /> : null;
}
