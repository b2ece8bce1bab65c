import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import {PAGE_TYPES, labelOf} from '@site/src/data/tags';
import type {FinderResult} from '@site/src/finder/match';
import InlineCode from '@site/src/components/InlineCode';
import styles from './styles.module.css';

function Highlighted({line, span}: {line: string; span?: [number, number]}): ReactNode {
  if (!span || span[0] < 0 || span[1] > line.length) return <code>{line}</code>;
  return (
    <code>
      {line.slice(0, span[0])}
      <mark>{line.slice(span[0], span[1])}</mark>
      {line.slice(span[1])}
    </code>
  );
}

export default function ResultList({results, locale}: {results: FinderResult[]; locale: string}): ReactNode {
  if (results.length === 0) {
    return (
      <p className={styles.none}>
        <Translate id="find.none">
          Nothing matched. Try the most specific line of the error (the one with a reason or an exit code), or pick a status above.
        </Translate>
      </p>
    );
  }
  return (
    <>
      <p className={styles.count}>
        <Translate id="find.count" values={{count: results.length}}>
          {'{count} matching pages, best first'}
        </Translate>
      </p>
      <ol className={styles.list}>
        {results.map((result) => (
          <li key={result.entry.id} className={styles.result} data-kind={result.kind}>
            <span className={styles.type} data-type={result.entry.type}>
              {labelOf(PAGE_TYPES, result.entry.type, locale)}
            </span>
            <Link to={result.entry.url} className={styles.title}>
              {result.entry.title}
            </Link>
            <p className={styles.description}>
              <InlineCode text={result.entry.description} />
            </p>
            {result.line && (
              <p className={styles.matched}>
                <span className={styles.matchedLabel}>
                  <Translate id="find.result.matched">Matched:</Translate>
                </span>{' '}
                <Highlighted line={result.line} span={result.span} />
              </p>
            )}
            {result.entry.fix && (
              <p className={styles.fix}>
                <span className={styles.matchedLabel}>
                  <Translate id="find.result.fix">First step:</Translate>
                </span>{' '}
                <InlineCode text={result.entry.fix} />
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
