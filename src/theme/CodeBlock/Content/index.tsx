/**
 * Code block content without Prism at startup. The stock component highlights every block while
 * the page hydrates, which needs Prism (about 32 KB gzip) evaluated before the first render and
 * every block tokenized again: a fifth of a runbook's startup CPU on a phone, for markup the server
 * already rendered highlighted.
 *
 * Here a block hydrated from server markup keeps that markup as it is. A block rendered in the
 * browser (after client-side navigation, or when the colour mode differs from the server's) shows
 * its text with the theme's plain colours at once and is highlighted when Prism has loaded
 * (highlighter.ts). All three forms have the same lines, font and classes: no layout shift.
 */
import {useEffect, useLayoutEffect, useRef, useState, type ReactNode, type Ref} from 'react';
import clsx from 'clsx';
import {usePrismTheme} from '@docusaurus/theme-common';
import {useCodeBlockContext} from '@docusaurus/theme-common/internal';
import Line from '@theme/CodeBlock/Line';
import type {Props} from '@theme/CodeBlock/Content';
import type {PrismTheme} from 'prism-react-renderer';
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/styles.module.css';
import {isServerMarkupPhase} from '@site/src/client/hydration';
import {loadHighlighter, loadedHighlighter, type Highlighter} from './highlighter';
import {plainRendering, type PlainRendering} from './plain-tokens';

/** The highlighter once loaded; starts loading it when `needed` (never on the server, where it is already there). */
function useHighlighter(needed: boolean): Highlighter | null {
  const [highlighter, setHighlighter] = useState<Highlighter | null>(loadedHighlighter);
  useEffect(() => {
    if (highlighter || !needed) return undefined;
    let mounted = true;
    loadHighlighter().then(
      (loaded) => mounted && setHighlighter(() => loaded),
      () => {},
    );
    return () => {
      mounted = false;
    };
  }, [highlighter, needed]);
  return highlighter;
}

interface PreProps {
  className: string;
  style: PlainRendering['style'];
  preRef: Ref<HTMLPreElement>;
  children: ReactNode;
}

function Pre({className, style, preRef, children}: PreProps): ReactNode {
  return (
    // Focusable so a keyboard user can scroll a long line, as in the stock block.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <pre ref={preRef} tabIndex={0} className={clsx(className, styles.codeBlock, 'thin-scrollbar')} style={style}>
      {children}
    </pre>
  );
}

export default function CodeBlockContent({className: classNameProp}: Props): ReactNode {
  const {metadata, wordWrap} = useCodeBlockContext();
  const prismTheme: PrismTheme = usePrismTheme();
  const {code, language, lineNumbersStart, lineClassNames} = metadata;
  // What the server rendered, when this block was hydrated from its markup; null when it was not.
  const [server] = useState(() => (isServerMarkupPhase() ? {code, prismTheme} : null));
  // Set when hydration did not keep the server's lines after all (React renders a subtree from
  // scratch when its hydration fails): the block then renders its lines itself.
  const [markupLost, setMarkupLost] = useState(false);
  const keepsServerMarkup = !markupLost && server !== null && server.code === code && server.prismTheme === prismTheme;
  const serverCode = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (keepsServerMarkup && serverCode.current && !serverCode.current.hasChildNodes()) setMarkupLost(true);
  }, [keepsServerMarkup]);
  const Highlight = useHighlighter(!keepsServerMarkup);
  const onServer = typeof window === 'undefined';

  const codeClassName = clsx(styles.codeBlockLines, lineNumbersStart !== undefined && styles.codeBlockLinesWithNumbering);
  const codeStyle = {counterReset: lineNumbersStart === undefined ? undefined : `line-count ${lineNumbersStart - 1}`};
  const render = ({lines, className, style, getLineProps, getTokenProps}: PlainRendering): ReactNode => (
    <Pre preRef={wordWrap.codeBlockRef} className={clsx(classNameProp, className)} style={style}>
      <code key="rendered" className={codeClassName} style={codeStyle}>
        {lines.map((line, i) => (
          <Line key={i} line={line} getLineProps={getLineProps} getTokenProps={getTokenProps} classNames={lineClassNames[i]} showLineNumbers={lineNumbersStart !== undefined} />
        ))}
      </code>
    </Pre>
  );

  const plain = plainRendering(code, language, prismTheme);
  if (keepsServerMarkup && !onServer) {
    // Hydration leaves the server's highlighted lines in place: React neither renders nor checks
    // what is inside an element given (empty) innerHTML, and keeps it until the key changes.
    return (
      <Pre preRef={wordWrap.codeBlockRef} className={clsx(classNameProp, plain.className)} style={plain.style}>
        <code key="server" ref={serverCode} className={codeClassName} style={codeStyle} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />
      </Pre>
    );
  }
  if (!Highlight) return render(plain);
  return (
    <Highlight theme={prismTheme} code={code} language={language}>
      {({tokens, className, style, getLineProps, getTokenProps}) => render({lines: tokens, className, style, getLineProps, getTokenProps})}
    </Highlight>
  );
}
