import type {ReactNode} from 'react';

/** Context kept either side of a match: enough to recognise the line, not the whole paste. */
const CONTEXT_CHARS = 40;

/** The matched part of a pasted line, marked, with a little of the line around it. */
export default function Excerpt({line, span}: {line: string; span?: [number, number]}): ReactNode {
  if (!span || span[0] < 0 || span[1] > line.length || span[0] >= span[1]) {
    return <code>{line.length > CONTEXT_CHARS * 3 ? `${line.slice(0, CONTEXT_CHARS * 3)}…` : line}</code>;
  }
  const start = Math.max(0, span[0] - CONTEXT_CHARS);
  const end = Math.min(line.length, span[1] + CONTEXT_CHARS);
  return (
    <code>
      {start > 0 && '…'}
      {line.slice(start, span[0])}
      <mark>{line.slice(span[0], span[1])}</mark>
      {line.slice(span[1], end)}
      {end < line.length && '…'}
    </code>
  );
}
