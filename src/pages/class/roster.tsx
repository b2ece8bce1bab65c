/**
 * /class/roster: the trainer's live view of a class, learners × labs × tasks (passed, failing with
 * which code, hints opened, solution revealed, time spent), from the class runner's roster socket,
 * authorised by the trainer token in the link's fragment. Light on purpose: no terminal, no
 * diagrams, one small table per lab.
 */
import {useEffect, useMemo, useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Head from '@docusaurus/Head';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Translate, {translate} from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {parseRosterMessage, rosterSubprotocols, type RosterCell, type RosterLab} from '@site/labs/runner/src/protocol';
import {applyRoster, cellOf, formatDuration, rosterCsv, rosterSocketUrl, takeRosterAccess, timeSpentMs, type RosterState} from './_roster-data';
import styles from './roster.module.css';

type Connection = 'no-token' | 'connecting' | 'live' | 'refused' | 'lost';
/** Reconnect after a lost connection this long later; the roster is only ever one socket. */
const RECONNECT_MS = 5000;
/** How often "time spent" of labs in progress moves on. */
const TICK_MS = 10_000;

function TaskMark({cell, task}: {cell: RosterCell | undefined; task: string}): ReactNode {
  const t = cell?.tasks.find((x) => x.id === task);
  if (!t || t.pass === null) {
    return <span className={styles.open} title={translate({id: 'roster.task.notChecked', message: 'not checked yet'})}>·</span>;
  }
  if (t.pass) return <span className={styles.pass}>✓<span className="sr-only">{translate({id: 'roster.task.passed', message: 'passed'})}</span></span>;
  return (
    <span className={styles.fail}>
      ✗<span className="sr-only">{translate({id: 'roster.task.failing', message: 'failing'})}</span> {t.code && <code>{t.code}</code>}
    </span>
  );
}

function LabTable({lab, state, locale, nowMs}: {lab: RosterLab; state: RosterState; locale: 'en' | 'ko'; nowMs: number}): ReactNode {
  return (
    <section className={styles.lab} aria-labelledby={`roster-${lab.id}`}>
      <Heading as="h2" id={`roster-${lab.id}`} className={styles.labTitle}>
        {lab.title[locale]} <code>{lab.id}</code>
      </Heading>
      <div className={styles.scroll}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{translate({id: 'roster.col.learner', message: 'Learner'})}</th>
              {lab.tasks.map((task) => (
                <th scope="col" key={task.id} title={task.title[locale]}>
                  {task.title[locale]}
                </th>
              ))}
              <th scope="col">{translate({id: 'roster.col.hints', message: 'Hints'})}</th>
              <th scope="col">{translate({id: 'roster.col.solution', message: 'Solution'})}</th>
              <th scope="col">{translate({id: 'roster.col.time', message: 'Time spent'})}</th>
              <th scope="col">{translate({id: 'roster.col.checks', message: 'Checks (failed)'})}</th>
            </tr>
          </thead>
          <tbody>
            {state.snapshot.learners.map((learner) => {
              const cell = cellOf(state, learner, lab.id);
              const spent = timeSpentMs(cell, nowMs);
              const hints = cell?.tasks.reduce((n, t) => n + t.hints, 0) ?? 0;
              return (
                <tr key={learner} className={clsx(cell?.finishedAtMs && styles.done)} data-learner={learner}>
                  <th scope="row">
                    <span className={clsx(styles.dot, cell?.connected ? styles.online : styles.offline)} aria-hidden="true" />
                    {learner}
                    <span className="sr-only">
                      {cell?.connected ? translate({id: 'roster.online', message: '(connected)'}) : translate({id: 'roster.offline', message: '(not connected)'})}
                    </span>
                  </th>
                  {lab.tasks.map((task) => (
                    <td key={task.id}>
                      <TaskMark cell={cell} task={task.id} />
                    </td>
                  ))}
                  <td>{hints}</td>
                  <td>
                    {cell?.solutionApplied
                      ? translate({id: 'roster.solution.applied', message: 'applied'})
                      : cell?.solutionRevealed
                        ? translate({id: 'roster.solution.revealed', message: 'opened'})
                        : '—'}
                  </td>
                  <td>{spent === null ? '—' : formatDuration(spent)}</td>
                  <td>
                    {cell ? `${cell.checks} (${cell.failedChecks})` : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function Roster(): ReactNode {
  const {i18n} = useDocusaurusContext();
  const locale = i18n.currentLocale === 'ko' ? 'ko' : 'en';
  const [connection, setConnection] = useState<Connection>('connecting');
  const [state, setState] = useState<RosterState | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    const access = takeRosterAccess(window.location, window.sessionStorage, window.history);
    if (!access) {
      setConnection('no-token');
      return undefined;
    }
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const connect = () => {
      setConnection('connecting');
      let opened = false;
      socket = new WebSocket(rosterSocketUrl(access.runner), rosterSubprotocols(access.token));
      socket.onopen = () => {
        opened = true;
        setConnection('live');
      };
      socket.onmessage = (event) => {
        if (typeof event.data !== 'string') return;
        const message = parseRosterMessage(event.data);
        if (message) setState((current) => applyRoster(current, message));
      };
      socket.onclose = () => {
        if (stopped) return;
        // Refused at the upgrade: the token is wrong or the class is over; retrying will not help.
        setConnection(opened ? 'lost' : 'refused');
        if (opened) retry = setTimeout(connect, RECONNECT_MS);
      };
    };
    connect();
    const tick = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => {
      stopped = true;
      clearInterval(tick);
      if (retry) clearTimeout(retry);
      socket?.close(1000);
    };
  }, []);

  const summary = useMemo(() => {
    if (!state) return null;
    const cells = [...state.cells.values()];
    return {
      connected: new Set(cells.filter((c) => c.connected > 0).map((c) => c.learner)).size,
      finished: cells.filter((c) => c.finishedAtMs !== null).length,
    };
  }, [state]);

  const exportCsv = () => {
    if (!state) return;
    const blob = new Blob([rosterCsv(state, Date.now())], {type: 'text/csv;charset=utf-8'});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${state.snapshot.name}-roster.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const status: Record<Connection, string> = {
    'no-token': translate({id: 'roster.state.noToken', message: 'Open this page with the roster link that npm run class -- up printed (it carries your trainer token).'}),
    connecting: translate({id: 'roster.state.connecting', message: 'Connecting to the class runner…'}),
    live: translate({id: 'roster.state.live', message: 'Live: updates as learners work.'}),
    refused: translate({id: 'roster.state.refused', message: 'The class runner refused this link: the trainer token is wrong, or the class is over.'}),
    lost: translate({id: 'roster.state.lost', message: 'Connection lost; reconnecting…'}),
  };

  return (
    <Layout
      title={translate({id: 'roster.title', message: 'Class roster'})}
      description={translate({id: 'roster.description', message: "A trainer's live view of every learner's progress in a class."})}
      noFooter>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      <main className={clsx('container margin-vert--lg', styles.roster)}>
        <Heading as="h1">
          {state ? (
            <Translate id="roster.heading.class" values={{name: state.snapshot.name}}>
              {'Class {name}'}
            </Translate>
          ) : (
            <Translate id="roster.heading">Class roster</Translate>
          )}
        </Heading>
        <p className={clsx(styles.status, styles[connection])} role="status" aria-live="polite">
          {status[connection]}
        </p>
        {state && summary && (
          <>
            <p className={styles.summary}>
              <Translate
                id="roster.summary"
                values={{
                  learners: state.snapshot.learners.length, connected: summary.connected, finished: summary.finished,
                  ends: new Date(state.snapshot.expiresAtMs).toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-GB'),
                }}>
                {'{learners} learners, {connected} connected now; {finished} labs finished. The class ends {ends}.'}
              </Translate>{' '}
              <button type="button" className="button button--sm button--secondary" onClick={exportCsv}>
                <Translate id="roster.export">Export CSV</Translate>
              </button>
            </p>
            {state.snapshot.labs.map((lab) => (
              <LabTable key={lab.id} lab={lab} state={state} locale={locale} nowMs={nowMs} />
            ))}
          </>
        )}
      </main>
    </Layout>
  );
}
