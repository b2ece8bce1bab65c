/**
 * Below the relevance floor: the page says plainly that nothing here matches, shows what it did
 * recognise, and points to the sections and the full-text search instead of guessing.
 */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type {Localized} from '@site/src/finder/rules/types';
import styles from './styles.module.css';

export default function NothingFound({recognised, searchQuery, locale}: {recognised: readonly Localized[]; searchQuery: string; locale: string}): ReactNode {
  return (
    <div className={styles.none} data-nothing="">
      <p className={styles.noneTitle}>
        <Translate id="find.nothing.title">Nothing on this site matches what you pasted.</Translate>
      </p>
      {recognised.length > 0 && (
        <>
          <p>
            <Translate id="find.nothing.recognised">What it was read as:</Translate>
          </p>
          <ul>
            {recognised.map((r) => (
              <li key={r.en}>{locale === 'ko' ? r.ko : r.en}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Translate id="find.nothing.next">Try the line with a reason or an exit code, pick a status above, or look here:</Translate>
      </p>
      <ul className={styles.browse}>
        <li>
          <Link to="/runbooks">
            <Translate id="find.nothing.runbooks">Runbooks, one per symptom</Translate>
          </Link>
        </li>
        <li>
          <Link to="/reference/pod-status-table">
            <Translate id="find.nothing.statuses">Pod status table</Translate>
          </Link>
        </li>
        <li>
          <Link to="/cases">
            <Translate id="find.nothing.cases">Case archive</Translate>
          </Link>
        </li>
        <li>
          <Link to={`/search?q=${encodeURIComponent(searchQuery)}`}>
            <Translate id="find.nothing.search">Full-text search for these words</Translate>
          </Link>
        </li>
      </ul>
    </div>
  );
}
