/**
 * True once the element has come within `rootMargin` of the screen, and from then on. Heavy parts
 * of a page (diagrams, the lab terminal) wait for it: on a phone they sit screens below the top,
 * and a reader who never scrolls there never pays for them.
 */
import {useEffect, useState, type RefObject} from 'react';

export function useNearScreen(element: RefObject<Element | null>, rootMargin: string): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (near) return undefined;
    if (!target || typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return undefined;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      {rootMargin},
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, rootMargin, near]);
  return near;
}
