/**
 * The home page's way in by symptom: a search box and one-click status chips, both landing on
 * /find. A plain GET form, so it works before JavaScript loads.
 */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import Translate, {translate} from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {SYMPTOMS, labelOf} from '@site/src/data/tags';
import styles from './styles.module.css';

const CHIPS = (Object.keys(SYMPTOMS) as (keyof typeof SYMPTOMS)[]).filter((key) => SYMPTOMS[key].chip);

export default function SymptomSearchBox(): ReactNode {
  const findUrl = useBaseUrl('/find');
  const {i18n} = useDocusaurusContext();
  return (
    <div className={styles.box}>
      <form action={findUrl} method="get" role="search" className={styles.form}>
        <label htmlFor="home-symptom" className={styles.label}>
          <Translate id="home.search.label">Error message or status</Translate>
        </label>
        <div className={styles.row}>
          <input
            id="home-symptom"
            name="q"
            type="search"
            className={styles.input}
            placeholder={translate({id: 'home.search.placeholder', message: 'e.g. dial tcp 10.96.0.1:443: i/o timeout'})}
            autoComplete="off"
          />
          <button type="submit" className="button button--primary">
            <Translate id="home.search.submit">Find the fix</Translate>
          </button>
        </div>
      </form>
      <p className={styles.chipsLabel} id="home-chips-label">
        <Translate id="home.search.chips">Or start from a status:</Translate>
      </p>
      <ul className={styles.chips} aria-labelledby="home-chips-label">
        {CHIPS.map((symptom) => (
          <li key={symptom}>
            <Link className={styles.chip} to={`/find?status=${encodeURIComponent(symptom)}`}>
              {labelOf(SYMPTOMS, symptom, i18n.currentLocale)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
