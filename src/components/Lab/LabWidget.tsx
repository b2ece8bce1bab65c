/**
 * The lab panel and terminal: connects to the runner, runs setup, shows the tasks with their
 * state, checks (on request and quietly while the tab is visible), hints one at a time, the
 * solution after three failed checks or on request, reset, elapsed time. Browser-only.
 */
import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Translate, {translate} from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import InlineCode from '@site/src/components/InlineCode';
import {LabAction, ProgressMessageType, ServerMessageType, type Locale, type ProbeReport, type ServerMessage} from '@site/labs/runner/src/protocol';
import type {LabData} from '@site/src/plugins/lab-data';
import {RunnerConnection, type ConnectionState} from './connection';
import {captureFromFragment, forgetToken, isToken, loadToken, runnerAddress, saveToken} from './token';
import {FAILED_CHECKS_BEFORE_SOLUTION, emptyProgress, loadProgress, saveProgress, type LabProgress} from './progress';
import ConnectionStatus from './ConnectionStatus';
import Terminal, {type TerminalHandle} from './Terminal';
import {failureText, formatElapsed} from './text';
import styles from './styles.module.css';

/** How often the panel re-checks by itself while the tab is visible and nothing else runs. */
const AUTO_CHECK_INTERVAL_MS = 15_000;
/** Script output kept in the panel; older output scrolls away. */
const MAX_LOG_CHARS = 20_000;

type Pending = {action: LabAction; quiet: boolean};

export default function LabWidget({lab}: {lab: LabData}): ReactNode {
  const {i18n} = useDocusaurusContext();
  const locale: Locale = i18n.currentLocale === 'ko' ? 'ko' : 'en';
  const terminal = useRef<TerminalHandle>(null);
  const connection = useRef<RunnerConnection | null>(null);
  const pending = useRef(new Map<string, Pending>());
  const [state, setState] = useState<ConnectionState>({kind: 'connecting'});
  const [probe, setProbe] = useState<ProbeReport | null>(null);
  const [progress, setProgress] = useState<LabProgress>(emptyProgress);
  const [busy, setBusy] = useState<LabAction | null>(null);
  const [log, setLog] = useState('');
  const [notice, setNotice] = useState<{text: string; fix?: string; tone: 'ok' | 'fail' | 'info'} | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [confirmReset, setConfirmReset] = useState(false);
  const progressRef = useRef(progress);
  progressRef.current = progress;

  const update = useCallback(
    (change: (p: LabProgress) => LabProgress) => {
      setProgress((current) => {
        const next = change(current);
        saveProgress(lab.id, next);
        return next;
      });
    },
    [lab.id],
  );

  const run = useCallback((action: LabAction, quiet = false) => {
    const id = connection.current?.action(action);
    if (!id) return;
    pending.current.set(id, {action, quiet});
    if (!quiet) {
      setBusy(action);
      setNotice(null);
      setLog('');
    }
  }, []);

  const clusterBlocked = lab.requires === 'cluster' && probe !== null && !probe.clusterReady;

  const onMessage = useCallback(
    (message: ServerMessage) => {
      switch (message.t) {
        case ServerMessageType.Ready:
          setProbe(message.probe);
          if (!progressRef.current.setUp && (lab.requires === 'local' || message.probe.clusterReady)) run(LabAction.Setup);
          break;
        case ServerMessageType.ProbeResult:
          setProbe(message.probe);
          break;
        case ServerMessageType.ActionOutput:
          if (!pending.current.get(message.requestId)?.quiet) setLog((current) => (current + message.data).slice(-MAX_LOG_CHARS));
          break;
        case ServerMessageType.ActionResult: {
          const request = pending.current.get(message.requestId);
          pending.current.delete(message.requestId);
          if (!request?.quiet) setBusy(null);
          if (!message.ok && message.action !== LabAction.Check) {
            setNotice({text: message.message ?? translate({id: 'lab.action.failed', message: 'The lab script failed. Its output is below.'}), tone: 'fail'});
            return;
          }
          if (message.action === LabAction.Setup || message.action === LabAction.Reset) {
            update((p) => ({...emptyProgress(), hintsShown: message.action === LabAction.Reset ? {} : p.hintsShown, setUp: true, startedAtMs: Date.now()}));
            setNotice({text: translate({id: 'lab.setup.done', message: 'The lab is ready: something is broken. Investigate in the terminal.'}), tone: 'info'});
          } else if (message.action === LabAction.Cleanup) {
            update((p) => ({...p, setUp: false}));
          } else if (message.action === LabAction.Solution) {
            update((p) => ({...p, solutionOpen: true}));
            run(LabAction.Check);
          } else if (message.action === LabAction.Check && message.tasks) {
            const allPass = message.tasks.every((t) => t.pass);
            update((p) => ({
              ...p,
              tasks: Object.fromEntries(message.tasks!.map((t) => [t.id, {pass: t.pass, code: t.code, blocked: t.blocked}])),
              failedChecks: allPass || request?.quiet ? p.failedChecks : p.failedChecks + 1,
              finishedAtMs: allPass ? (p.finishedAtMs ?? Date.now()) : null,
            }));
            if (!request?.quiet || allPass) {
              setNotice(
                allPass
                  ? {text: translate({id: 'lab.check.allPass', message: 'Every task passes. Well done: the fix is real.'}), tone: 'ok'}
                  : {text: translate({id: 'lab.check.someFail', message: 'Not fixed yet. Each open task says what is still wrong.'}), tone: 'fail'},
              );
            }
          }
          break;
        }
        case ServerMessageType.Error:
          if (message.requestId) {
            const request = pending.current.get(message.requestId);
            pending.current.delete(message.requestId);
            if (!request?.quiet) setBusy(null);
            if (request?.quiet) return;
          }
          if (!message.fatal) setNotice({text: message.message, fix: message.fix, tone: 'fail'});
          break;
        case ServerMessageType.Exit:
          setNotice({text: translate({id: 'lab.shell.exited', message: 'The shell exited. Reconnect to get a new one; the lab stays as it is.'}), tone: 'info'});
          break;
        default:
          break;
      }
    },
    [lab.requires, run, update],
  );

  useEffect(() => {
    setProgress(loadProgress(lab.id));
    captureFromFragment();
    const conn = new RunnerConnection({
      runner: runnerAddress(),
      token: loadToken(),
      lab: lab.id,
      locale,
      size: () => terminal.current?.size() ?? {cols: 80, rows: 24},
      on: {
        state: (next) => {
          setState(next);
          if (next.kind !== 'connected') {
            pending.current.clear();
            setBusy(null);
          }
        },
        output: (bytes, done) => terminal.current?.write(bytes, done),
        message: onMessage,
      },
    });
    connection.current = conn;
    conn.start();
    return () => conn.stop();
    // One connection per lab page; its handlers read the latest state through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lab.id]);

  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (state.kind !== 'connected' || !progress.setUp || progress.finishedAtMs || clusterBlocked) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && pending.current.size === 0) run(LabAction.Check, true);
    }, AUTO_CHECK_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [state.kind, progress.setUp, progress.finishedAtMs, clusterBlocked, run]);

  const connected = state.kind === 'connected';
  const canAct = connected && busy === null && !clusterBlocked;
  const solutionOffered = progress.failedChecks >= FAILED_CHECKS_BEFORE_SOLUTION || progress.solutionOpen;
  const elapsed = progress.startedAtMs ? (progress.finishedAtMs ?? now) - progress.startedAtMs : 0;
  const firstOpenTask = useMemo(() => lab.tasks.find((t) => !progress.tasks[t.id]?.pass), [lab.tasks, progress.tasks]);

  const busyLabel: Record<LabAction, string> = {
    setup: translate({id: 'lab.busy.setup', message: 'Setting up the lab…'}),
    check: translate({id: 'lab.busy.check', message: 'Checking…'}),
    solution: translate({id: 'lab.busy.solution', message: 'Applying the solution…'}),
    reset: translate({id: 'lab.busy.reset', message: 'Resetting the lab…'}),
    cleanup: translate({id: 'lab.busy.cleanup', message: 'Cleaning up…'}),
  };

  return (
    <section className={styles.lab} aria-labelledby={`lab-${lab.id}-title`} data-lab={lab.id}>
      <div className={styles.header}>
        <p className={styles.title} id={`lab-${lab.id}-title`}>
          <InlineCode text={lab.title[locale]} />
        </p>
        <span className={styles.badge}>
          {lab.requires === 'cluster' ? (
            <Translate id="lab.requires.cluster">needs the kind cluster</Translate>
          ) : (
            <Translate id="lab.requires.local">runs locally, no cluster</Translate>
          )}
        </span>
        {progress.startedAtMs && (
          <span className={styles.elapsed} aria-label={translate({id: 'lab.elapsed.label', message: 'Time spent on this lab'})}>
            {formatElapsed(elapsed)}
          </span>
        )}
      </div>

      <ConnectionStatus
        state={state}
        probe={probe}
        requires={lab.requires}
        onToken={(token) => {
          saveToken(token);
          connection.current?.restart(token);
        }}
        onRetry={() => connection.current?.restart(loadToken() ?? undefined)}
        onForget={() => {
          forgetToken();
          connection.current?.restart('');
        }}
        isToken={isToken}
      />

      <div className={styles.body}>
        <div className={styles.panel}>
          <p className={styles.tasksHeading} id={`lab-${lab.id}-tasks`}>
            <Translate id="lab.tasks.heading">Tasks</Translate>
          </p>
          <ol className={styles.tasks} aria-labelledby={`lab-${lab.id}-tasks`}>
            {lab.tasks.map((task) => {
              const result = progress.tasks[task.id];
              const shown = progress.hintsShown[task.id] ?? 0;
              const status = result?.pass ? 'pass' : result ? (result.blocked ? 'blocked' : 'fail') : 'open';
              return (
                <li key={task.id} className={clsx(styles.task, styles[status])} data-task={task.id} data-state={status}>
                  <span className={styles.taskState} aria-hidden="true">
                    {status === 'pass' ? '✓' : status === 'fail' ? '✗' : '○'}
                  </span>
                  <div className={styles.taskBody}>
                    <span className={styles.taskTitle}>
                      <InlineCode text={task.title[locale]} />
                    </span>
                    <span className="sr-only">
                      {status === 'pass'
                        ? translate({id: 'lab.task.passed', message: '(passed)'})
                        : status === 'fail'
                          ? translate({id: 'lab.task.failed', message: '(not fixed yet)'})
                          : status === 'blocked'
                            ? translate({id: 'lab.task.blocked', message: '(waiting for an earlier task)'})
                            : translate({id: 'lab.task.open', message: '(not checked yet)'})}
                    </span>
                    {status === 'fail' && result?.code && (
                      <span className={styles.failure} data-code={result.code}>
                        <InlineCode text={failureText(lab, result.code, locale)} />
                      </span>
                    )}
                    {shown > 0 && (
                      <ol className={styles.hints}>
                        {task.hints.slice(0, shown).map((hintId, n) => (
                          <li key={hintId} data-hint={hintId}>
                            <span className={styles.hintLabel}>
                              <Translate id="lab.hint.label" values={{n: n + 1}}>
                                {'Hint {n}:'}
                              </Translate>
                            </span>{' '}
                            <InlineCode text={lab.hints[hintId]?.[locale] ?? ''} />
                          </li>
                        ))}
                      </ol>
                    )}
                    {!result?.pass && shown < task.hints.length && (
                      <button
                        type="button"
                        className={clsx('button button--sm button--link', styles.hintButton)}
                        onClick={() => {
                          update((p) => ({...p, hintsShown: {...p.hintsShown, [task.id]: shown + 1}}));
                          connection.current?.report({t: ProgressMessageType.HintOpened, task: task.id, hints: shown + 1});
                        }}>
                        {shown === 0
                          ? translate({id: 'lab.hint.first', message: 'Show a hint'})
                          : translate({id: 'lab.hint.next', message: 'Show the next hint'})}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>

          <div className={styles.actions}>
            <button type="button" className="button button--primary" disabled={!canAct || !progress.setUp} onClick={() => run(LabAction.Check)}>
              <Translate id="lab.button.check">Check</Translate>
            </button>
            {!progress.setUp && (
              <button type="button" className="button button--secondary" disabled={!canAct} onClick={() => run(LabAction.Setup)}>
                <Translate id="lab.button.setup">Start the lab</Translate>
              </button>
            )}
            {confirmReset ? (
              <span className={styles.confirm} role="group" aria-label={translate({id: 'lab.reset.confirm.label', message: 'Confirm reset'})}>
                <Translate id="lab.reset.confirm">Undo your changes and break the lab again?</Translate>{' '}
                <button
                  type="button"
                  className="button button--sm button--danger"
                  onClick={() => {
                    setConfirmReset(false);
                    run(LabAction.Reset);
                  }}>
                  <Translate id="lab.reset.yes">Reset</Translate>
                </button>{' '}
                <button type="button" className="button button--sm button--secondary" onClick={() => setConfirmReset(false)}>
                  <Translate id="lab.reset.no">Keep working</Translate>
                </button>
              </span>
            ) : (
              <button type="button" className="button button--secondary" disabled={!canAct} onClick={() => setConfirmReset(true)}>
                <Translate id="lab.button.reset">Reset</Translate>
              </button>
            )}
          </div>

          <p className={styles.busy} role="status" aria-live="polite">
            {busy ? busyLabel[busy] : ''}
          </p>
          {notice && (
            <div className={clsx(styles.notice, styles[notice.tone])} role="alert">
              <p>{notice.text}</p>
              {notice.fix && <CodeBlock language="shell">{notice.fix}</CodeBlock>}
            </div>
          )}

          <details className={styles.solution} open={progress.solutionOpen} data-testid="lab-solution">
            <summary
              onClick={(event) => {
                event.preventDefault();
                if (!progress.solutionOpen) connection.current?.report({t: ProgressMessageType.SolutionRevealed});
                update((p) => ({...p, solutionOpen: !p.solutionOpen}));
              }}>
              {solutionOffered && !progress.solutionOpen
                ? translate({id: 'lab.solution.offered', message: 'Stuck? Show the solution'})
                : translate({id: 'lab.solution.summary', message: 'Solution'})}
            </summary>
            {progress.solutionOpen && (
              <div>
                <p>
                  <InlineCode text={lab.solution[locale]} />
                </p>
                <CodeBlock language="bash" title="solution.sh">
                  {lab.solutionScript}
                </CodeBlock>
                <button type="button" className="button button--sm button--secondary" disabled={!canAct} onClick={() => run(LabAction.Solution)}>
                  <Translate id="lab.button.solution">Apply the solution for me</Translate>
                </button>
              </div>
            )}
          </details>

          {log && (
            <details className={styles.log}>
              <summary>
                <Translate id="lab.log.summary">Lab script output</Translate>
              </summary>
              <pre>{log}</pre>
            </details>
          )}
          {firstOpenTask === undefined && progress.setUp && (
            <p className={styles.done}>
              <Translate id="lab.done" values={{time: formatElapsed(elapsed)}}>
                {'Lab complete in {time}. Reset it to practise again.'}
              </Translate>
            </p>
          )}
        </div>
        <Terminal
          ref={terminal}
          label={translate({id: 'lab.terminal.label', message: 'Lab terminal'})}
          onInput={(data) => connection.current?.sendInput(data)}
          onResize={(cols, rows) => connection.current?.resize(cols, rows)}
        />
      </div>
    </section>
  );
}
