/** The pages above the relevance floor, best first, each saying what in the paste matched it. */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import {PAGE_TYPES, labelOf} from '@site/src/data/tags';
import type {FinderResult} from '@site/src/finder/match';
import InlineCode from '@site/src/components/InlineCode';
import Excerpt from './Excerpt';
import styles from './styles.module.css';

function Matched({result}: {result: FinderResult}): ReactNode {
  if (result.terms && result.terms.length > 0) {
    return (
      <p className={styles.matched}>
        <span className={styles.matchedLabel}>
          <Translate id="find.result.matchedWords">Matched words:</Translate>
        </span>{' '}
        {result.terms.map((term, i) => (
          <span key={term}>
            {i > 0 && ', '}
            <mark>{term}</mark>
          </span>
        ))}
      </p>
    );
  }
  if (!result.line) return null;
  return (
    <p className={styles.matched}>
      <span className={styles.matchedLabel}>
        <Translate id="find.result.matched">Matched:</Translate>
      </span>{' '}
      <Excerpt line={result.line} span={result.span} />
    </p>
  );
}

export default function ResultList({results, locale}: {results: readonly FinderResult[]; locale: string}): ReactNode {
  if (results.length === 0) return null;
  return (
    <section aria-labelledby="find-pages">
      <h2 id="find-pages" className={styles.sectionTitle}>
        <Translate id="find.count" values={{count: results.length}}>
          {'{count} matching pages, best first'}
        </Translate>
      </h2>
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
            <Matched result={result} />
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
    </section>
  );
}
