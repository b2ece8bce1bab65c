/**
 * /find: paste an error, a log or a `kubectl describe`, or pick a status, and land on the right
 * runbook, case, retrospective or lab. The catalog arrives as a route module (see
 * src/plugins/catalog.ts), so only this page downloads it; the finder itself (reader, rules,
 * index) loads on first use, so the page paints without it.
 */
import {useDeferredValue, useEffect, useMemo, useState, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Link from '@docusaurus/Link';
import {useHistory, useLocation} from '@docusaurus/router';
import Translate, {translate} from '@docusaurus/Translate';
import type {Catalog} from '@site/src/catalog/types';
import {SYMPTOMS, labelOf} from '@site/src/data/tags';
import {readQuery, writeQuery} from '@site/src/finder/url';
import Findings from './Findings';
import NothingFound from './NothingFound';
import ResultList from './ResultList';
import styles from './styles.module.css';

type FinderModule = typeof import('@site/src/finder/finder');

const CHIPS = (Object.keys(SYMPTOMS) as (keyof typeof SYMPTOMS)[]).filter((key) => SYMPTOMS[key].chip);
/** Mirrors MAX_INPUT_CHARS in src/finder/match.ts, which this page must not import up front. */
const MAX_INPUT_KB = 64;

let finderModule: Promise<FinderModule> | null = null;
function loadFinder(): Promise<FinderModule> {
  finderModule ??= import('@site/src/finder/finder');
  return finderModule;
}

export default function FindPage({catalog}: {catalog: Catalog}): ReactNode {
  const location = useLocation();
  const history = useHistory();
  const initial = useMemo(() => readQuery(location.search), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [text, setText] = useState(initial.q);
  const [statuses, setStatuses] = useState<string[]>(initial.statuses);
  const deferredText = useDeferredValue(text);
  const deferredStatuses = useDeferredValue(statuses);
  const asked = deferredText.trim().length > 0 || deferredStatuses.length > 0;

  // The finder and its index are the heaviest things this page has: they load when there is a
  // question, or when the reader is about to ask one (focus), not before the first paint.
  const [wanted, setWanted] = useState(false);
  const [finder, setFinder] = useState<FinderModule | null>(null);
  useEffect(() => {
    if ((asked || wanted) && !finder) void loadFinder().then((module) => setFinder(() => module));
  }, [asked, wanted, finder]);
  const index = useMemo(() => (finder ? finder.buildIndex(catalog) : null), [finder, catalog]);
  const result = useMemo(
    () => (finder && index && asked ? finder.answer(index, deferredText, {statuses: deferredStatuses}) : null),
    [finder, index, asked, deferredText, deferredStatuses],
  );

  // The URL reproduces the search, so a result can be shared; very long pastes stay out of it.
  useEffect(() => {
    const search = writeQuery(deferredText, deferredStatuses);
    if (search !== location.search) history.replace({search});
  }, [deferredText, deferredStatuses]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = (status: string) =>
    setStatuses((current) => (current.includes(status) ? current.filter((s) => s !== status) : [...current, status]));
  const empty = text.trim().length === 0 && statuses.length === 0;
  const locale = catalog.locale;
  const nothing = result !== null && result.findings.length === 0 && result.results.length === 0;

  return (
    <Layout
      title={translate({id: 'find.title', message: 'Find by symptom'})}
      description={translate({id: 'find.description', message: 'Paste an error message, a log or kubectl output, and get the matching runbooks, cases, retrospectives and labs.'})}>
      <main className="container margin-vert--lg">
        <Heading as="h1">
          <Translate id="find.heading">Find by symptom</Translate>
        </Heading>
        <form className={styles.form} onSubmit={(event) => event.preventDefault()} role="search">
          <label htmlFor="find-input" className={styles.label}>
            <Translate id="find.input.label">Paste an error, a log, or the output of kubectl describe</Translate>
          </label>
          <textarea
            id="find-input"
            className={styles.input}
            value={text}
            rows={6}
            spellCheck={false}
            placeholder={translate({id: 'find.input.placeholder', message: 'Warning  BackOff  kubelet  Back-off restarting failed container app in pod web-0'})}
            onChange={(event) => setText(event.target.value)}
            onFocus={() => setWanted(true)}
            aria-describedby="find-input-help"
          />
          <p id="find-input-help" className={styles.help}>
            <Translate id="find.input.help" values={{limit: `${MAX_INPUT_KB} KB`}}>
              {'One line or a whole dump, up to {limit}. Nothing leaves your browser.'}
            </Translate>
          </p>
          <fieldset className={styles.chips}>
            <legend className={styles.label}>
              <Translate id="find.chips.legend">Or pick a status</Translate>
            </legend>
            {CHIPS.map((symptom) => (
              <button
                key={symptom}
                type="button"
                className={styles.chip}
                aria-pressed={statuses.includes(symptom)}
                onClick={() => toggle(symptom)}>
                {labelOf(SYMPTOMS, symptom, locale)}
              </button>
            ))}
          </fieldset>
        </form>
        {result?.input.truncated && (
          <p className={styles.notice} role="status">
            <Translate
              id="find.truncated"
              values={{kept: `${MAX_INPUT_KB} KB`, total: `${Math.round(result.input.originalLength / 1024)} KB`}}>
              {'The paste was {total}; only the first {kept} were matched.'}
            </Translate>
          </p>
        )}
        {result?.koreanOnOtherLocale && (
          <p className={styles.notice} role="status">
            <Translate id="find.korean.offer">This looks like Korean. The Korean pages may answer it better:</Translate>{' '}
            <a href={`/ko/find${writeQuery(deferredText, deferredStatuses)}`}>
              <Translate id="find.korean.link">search the Korean site (한국어로 찾기)</Translate>
            </a>
          </p>
        )}
        <section aria-live="polite" className={styles.results}>
          {empty ? (
            <div className={styles.guidance}>
              <p>
                <Translate id="find.empty.intro">Paste what is in front of you. Good inputs are:</Translate>
              </p>
              <ul>
                <li>
                  <Translate id="find.empty.event">an event line from kubectl describe, such as</Translate>{' '}
                  <code>0/3 nodes are available: 3 Insufficient cpu.</code>
                </li>
                <li>
                  <Translate id="find.empty.log">a log line, such as</Translate> <code>dial tcp 10.96.0.1:443: i/o timeout</code>
                </li>
                <li>
                  <Translate id="find.empty.status">a status from kubectl get pods, such as</Translate> <code>CrashLoopBackOff</code>
                </li>
                <li>
                  <Translate id="find.empty.alert">an alert name, such as</Translate> <code>KubePodCrashLooping</code>
                </li>
              </ul>
              <p>
                <Translate
                  id="find.empty.browse"
                  values={{
                    runbooks: (
                      <Link to="/runbooks">
                        <Translate id="find.empty.runbooks">runbooks</Translate>
                      </Link>
                    ),
                  }}>
                  {'You can also browse the {runbooks} or use the search box in the top bar.'}
                </Translate>
              </p>
            </div>
          ) : !result || !index ? (
            <p className={styles.count} role="status">
              <Translate id="find.loading">Reading the paste…</Translate>
            </p>
          ) : nothing ? (
            <NothingFound recognised={result.recognised} searchQuery={result.reading.search || deferredText.trim().slice(0, 200)} locale={locale} />
          ) : (
            <>
              <Findings findings={result.findings} index={index} locale={locale} />
              <ResultList results={result.results} locale={locale} />
            </>
          )}
        </section>
      </main>
    </Layout>
  );
}
