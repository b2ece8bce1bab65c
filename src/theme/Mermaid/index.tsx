/**
 * Diagrams render when they scroll into view, not at page load. Mermaid is the heaviest thing a
 * runbook page runs (about 190 KB of script, loaded only when a diagram renders, and a second of
 * CPU on a phone); a reader who opens a runbook mid-incident wants the commands at the top
 * interactive first, even when the diagram sits one screen below them.
 */
import {useRef, type ReactNode} from 'react';
import Mermaid from '@theme-original/Mermaid';
import type MermaidType from '@theme/Mermaid';
import type {WrapperProps} from '@docusaurus/types';
import {useNearScreen} from '@site/src/hooks/useNearScreen';

type Props = WrapperProps<typeof MermaidType>;

/** As soon as any of the diagram's box is on screen (a margin would pull the library in for diagrams just below the first screen). */
const MARGIN = '0px';

export default function LazyMermaid(props: Props): ReactNode {
  const anchor = useRef<HTMLDivElement>(null);
  const near = useNearScreen(anchor, MARGIN);
  return (
    <div ref={anchor} data-mermaid-lazy={near ? 'rendered' : 'waiting'} style={near ? undefined : {minHeight: '12rem'}}>
      {near && <Mermaid {...props} />}
    </div>
  );
}
