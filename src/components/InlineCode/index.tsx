import type {ReactNode} from 'react';

/** Renders a one-line text from front matter, turning `backtick spans` into code. */
export default function InlineCode({text}: {text: string}): ReactNode {
  return text.split(/(`[^`]+`)/).map((part, i) =>
    part.startsWith('`') && part.endsWith('`') && part.length > 2 ? <code key={i}>{part.slice(1, -1)}</code> : part,
  );
}
