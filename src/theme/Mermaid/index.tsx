/**
 * Diagrams render when they come near the screen, not at page load. Mermaid is the heaviest thing
 * a runbook page runs (its library loads only when a diagram renders); a reader who opens a
 * runbook mid-incident wants the commands at the top interactive first.
 */
import {useEffect, useRef, useState, type ReactNode} from 'react';
import Mermaid from '@theme-original/Mermaid';
import type MermaidType from '@theme/Mermaid';
import type {WrapperProps} from '@docusaurus/types';

type Props = WrapperProps<typeof MermaidType>;

/** Start a little before the diagram scrolls in, so it is drawn by the time it is seen. */
const PRELOAD_MARGIN = '600px 0px';

export default function LazyMermaid(props: Props): ReactNode {
  const anchor = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);

  useEffect(() => {
    const element = anchor.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
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
      {rootMargin: PRELOAD_MARGIN},
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={anchor} data-mermaid-lazy={near ? 'rendered' : 'waiting'} style={near ? undefined : {minHeight: '12rem'}}>
      {near && <Mermaid {...props} />}
    </div>
  );
}
