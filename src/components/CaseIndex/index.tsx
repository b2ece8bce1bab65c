/**
 * /cases: every case as a card, filterable by layer, component, symptom, source and year, in the
 * manner of the Docusaurus showcase. Filters live in the URL.
 */
import {useMemo, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Link from '@docusaurus/Link';
import {useHistory, useLocation} from '@docusaurus/router';
import Translate, {translate} from '@docusaurus/Translate';
import type {Catalog} from '@site/src/catalog/types';
import {CASE_SOURCES, COMPONENTS, LAYERS, SYMPTOMS, labelOf, type Label} from '@site/src/data/tags';
import {FACETS, countsFor, filterCases, filtersFromSearch, searchFromFilters, valuesOf, type Facet, type CaseFilters} from './filter';
import InlineCode from '@site/src/components/InlineCode';
import styles from './styles.module.css';

function facetLabel(facet: Facet): string {
  switch (facet) {
    case 'layer':
      return translate({id: 'cases.facet.layer', message: 'Layer'});
    case 'component':
      return translate({id: 'cases.facet.component', message: 'Component'});
    case 'symptom':
      return translate({id: 'cases.facet.symptom', message: 'Symptom'});
    case 'source':
      return translate({id: 'cases.facet.source', message: 'Source'});
    case 'year':
      return translate({id: 'cases.facet.year', message: 'Year'});
  }
}

const VOCABULARY: Partial<Record<Facet, Record<string, Label>>> = {
  layer: LAYERS,
  component: COMPONENTS,
  symptom: SYMPTOMS,
  source: CASE_SOURCES,
};

export default function CaseIndex({catalog}: {catalog: Catalog}): ReactNode {
  const location = useLocation();
  const history = useHistory();
  const locale = catalog.locale;
  const cases = useMemo(() => catalog.entries.filter((e) => e.type === 'case'), [catalog]);
  const filters = filtersFromSearch(location.search);
  const shown = filterCases(cases, filters);
  const valueLabel = (facet: Facet, value: string) => {
    const vocabulary = VOCABULARY[facet];
    return vocabulary ? labelOf(vocabulary, value, locale) : value;
  };
  const update = (next: CaseFilters) => history.replace({search: searchFromFilters(next)});
  const toggle = (facet: Facet, value: string) => {
    const chosen = filters[facet];
    update({...filters, [facet]: chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value]});
  };
  const active = FACETS.some((f) => filters[f].length > 0);

  return (
    <Layout
      title={translate({id: 'cases.title', message: 'Case archive'})}
      description={translate({id: 'cases.description', message: 'Public postmortems and our own cluster incidents, filterable by layer, component, symptom, source and year.'})}>
      <main className="container margin-vert--lg">
        <Heading as="h1">
          <Translate id="cases.heading">Case archive</Translate>
        </Heading>
        <p>
          <Translate id="cases.intro">
            Incidents others published and incidents from our own cluster. Pick filters to narrow the list; the address bar keeps them, so you can share the view.
          </Translate>{' '}
          <Link to="/cases/archive">
            <Translate id="cases.archive">All cases by section</Translate>
          </Link>
        </p>
        <div className={styles.filters}>
          {FACETS.map((facet) => {
            const counts = countsFor(cases, filters, facet);
            const values = [...new Set(cases.flatMap((c) => valuesOf(c, facet)))].sort();
            return (
              <fieldset key={facet} className={styles.facet}>
                <legend>{facetLabel(facet)}</legend>
                {values.map((value) => (
                  <button
                    key={value}
                    type="button"
                    className={styles.tag}
                    aria-pressed={filters[facet].includes(value)}
                    data-facet={facet}
                    data-value={value}
                    onClick={() => toggle(facet, value)}>
                    {valueLabel(facet, value)} <span className={styles.count}>({counts.get(value) ?? 0})</span>
                  </button>
                ))}
              </fieldset>
            );
          })}
        </div>
        <div className={styles.bar}>
          <p role="status" className={styles.shown}>
            <Translate id="cases.shown" values={{shown: shown.length, total: cases.length}}>
              {'{shown} of {total} cases'}
            </Translate>
          </p>
          <label className={styles.sort}>
            <Translate id="cases.sort">Sort</Translate>{' '}
            <select value={filters.sort} onChange={(event) => update({...filters, sort: event.target.value === 'oldest' ? 'oldest' : 'newest'})}>
              <option value="newest">{translate({id: 'cases.sort.newest', message: 'Newest first'})}</option>
              <option value="oldest">{translate({id: 'cases.sort.oldest', message: 'Oldest first'})}</option>
            </select>
          </label>
          {active && (
            <button type="button" className="button button--sm button--secondary" onClick={() => update({...filters, layer: [], component: [], symptom: [], source: [], year: []})}>
              <Translate id="cases.clear">Clear filters</Translate>
            </button>
          )}
        </div>
        <ul className={styles.cards}>
          {shown.map((entry) => (
            <li key={entry.id} className={styles.card} data-case={entry.id}>
              <div className={styles.meta}>
                <span className={styles.source} data-source={entry.source}>
                  {entry.source ? labelOf(CASE_SOURCES, entry.source, locale) : ''}
                </span>
                <span>{entry.org}</span>
                {entry.date && <time dateTime={entry.date}>{entry.date}</time>}
                {entry.unverified && (
                  <span className={styles.unverified} title={translate({id: 'cases.card.unverified.title', message: 'The original title, date or address could not be confirmed'})}>
                    <Translate id="cases.card.unverified">Unverified source</Translate>
                  </span>
                )}
              </div>
              <Heading as="h2" className={styles.cardTitle}>
                <Link to={entry.url}>{entry.title}</Link>
              </Heading>
              <p>
                <InlineCode text={entry.description} />
              </p>
              <ul className={styles.cardTags} aria-label={translate({id: 'cases.card.tags', message: 'Symptoms and components'})}>
                {[...entry.symptoms.map((s) => valueLabel('symptom', s)), ...entry.components.map((c) => valueLabel('component', c))].map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}
