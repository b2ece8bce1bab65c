/**
 * /find: paste an error, a log or a `kubectl describe`, or pick a status, and land on the right
 * runbook, case, retrospective or lab. The catalog arrives as a route module (see
 * src/plugins/catalog.ts), so only this page downloads it.
 */
import {useDeferredValue, useEffect, useMemo, useState, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Link from '@docusaurus/Link';
import {useHistory, useLocation} from '@docusaurus/router';
import Translate, {translate} from '@docusaurus/Translate';
import type {Catalog} from '@site/src/catalog/types';
import {SYMPTOMS, labelOf} from '@site/src/data/tags';
import {buildIndex, find, prepareInput, MAX_INPUT_CHARS} from '@site/src/finder/match';
import {readQuery, writeQuery} from '@site/src/finder/url';
import ResultList from './ResultList';
import styles from './styles.module.css';

const CHIPS = (Object.keys(SYMPTOMS) as (keyof typeof SYMPTOMS)[]).filter((key) => SYMPTOMS[key].chip);

export default function FindPage({catalog}: {catalog: Catalog}): ReactNode {
  const location = useLocation();
  const history = useHistory();
  const initial = useMemo(() => readQuery(location.search), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [text, setText] = useState(initial.q);
  const [statuses, setStatuses] = useState<string[]>(initial.statuses);
  const deferredText = useDeferredValue(text);
  const deferredStatuses = useDeferredValue(statuses);

  const input = useMemo(() => prepareInput(deferredText), [deferredText]);
  const asked = input.lines.length > 0 || deferredStatuses.length > 0;
  // Indexing every page's text is the heaviest thing this page does: it waits until there is a
  // question, or the reader is about to ask one (focus), instead of holding up the first render.
  const [indexWanted, setIndexWanted] = useState(false);
  const index = useMemo(() => (asked || indexWanted ? buildIndex(catalog) : null), [catalog, asked, indexWanted]);
  const results = useMemo(
    () => (index && asked ? find(index, input, {statuses: deferredStatuses}) : []),
    [index, asked, input, deferredStatuses],
  );

  // The URL reproduces the search, so a result can be shared; very long pastes stay out of it.
  useEffect(() => {
    const search = writeQuery(deferredText, deferredStatuses);
    if (search !== location.search) history.replace({search});
  }, [deferredText, deferredStatuses]); // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = (status: string) =>
    setStatuses((current) => (current.includes(status) ? current.filter((s) => s !== status) : [...current, status]));
  const empty = input.lines.length === 0 && statuses.length === 0;
  const locale = catalog.locale;

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
            onFocus={() => setIndexWanted(true)}
            aria-describedby="find-input-help"
          />
          <p id="find-input-help" className={styles.help}>
            <Translate id="find.input.help" values={{limit: `${MAX_INPUT_CHARS / 1024} KB`}}>
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
        {input.truncated && (
          <p className={styles.notice} role="status">
            <Translate
              id="find.truncated"
              values={{kept: `${MAX_INPUT_CHARS / 1024} KB`, total: `${Math.round(input.originalLength / 1024)} KB`}}>
              {'The paste was {total}; only the first {kept} were matched.'}
            </Translate>
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
          ) : (
            <ResultList results={results} locale={locale} />
          )}
        </section>
      </main>
    </Layout>
  );
}
