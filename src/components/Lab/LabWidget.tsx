/**
 * The lab panel and terminal: connects to the runner, runs setup in each new session, shows the
 * tasks as the live session's checks report them, checks (on request and quietly while the tab
 * is visible), hints one at a time, the solution after three failed checks or on request, reset,
 * elapsed time, and the reader's earlier completion as history. Browser-only.
 */
import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Translate, {translate} from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import CodeBlock from '@theme/CodeBlock';
import InlineCode from '@site/src/components/InlineCode';
import {LabAction, ProgressMessageType, ServerMessageType, type Locale, type ProbeReport, type ServerMessage} from '@site/labs/runner/src/protocol';
import type {LabData} from '@site/src/plugins/lab-data';
import {RunnerConnection, type ConnectionState} from './connection';
import {DEFAULT_RUNNER, forgetToken, isToken, loadToken, runnerAddress, saveToken, trustRunner, switchToLocalRunner} from './token';
import {formatCompletionDate, loadHistory, saveHistory, type LabHistory} from './progress';
import {FAILED_CHECKS_BEFORE_SOLUTION, allPassed, isResumed, newSession, rememberSetUp, withCheckResult, type LiveSession} from './live-session';
import {keySequence, withCtrl, type BarKey} from './keys';
import {readerSolution} from './solution-script';
import ConnectionStatus, {Fix} from './ConnectionStatus';
import KeyBar from './KeyBar';
import Terminal, {type TerminalHandle} from './Terminal';
import {failureText, formatElapsed} from './text';
import styles from './styles.module.css';

/** How often the panel re-checks by itself while the tab is visible and nothing else runs. */
const AUTO_CHECK_INTERVAL_MS = 15_000;
/** Script output kept in the panel; older output scrolls away. */
const MAX_LOG_CHARS = 20_000;
/** localStorage: the reader switched xterm's screen reader mode on. */
const SCREEN_READER_KEY = 'k8slab.screenReader';

type Pending = {action: LabAction; quiet: boolean};
type Notice = {text: string; fix?: string; tone: 'ok' | 'fail' | 'info'};
type TaskStatus = 'pass' | 'fail' | 'blocked' | 'open';

function loadScreenReader(): boolean {
  try {
    return localStorage.getItem(SCREEN_READER_KEY) === 'on';
  } catch {
    return false;
  }
}

function saveScreenReader(on: boolean): void {
  try {
    if (on) localStorage.setItem(SCREEN_READER_KEY, 'on');
    else localStorage.removeItem(SCREEN_READER_KEY);
  } catch {
    // Not kept: the switch lasts for this page view.
  }
}

export default function LabWidget({lab}: {lab: LabData}): ReactNode {
  const {i18n} = useDocusaurusContext();
  const locale: Locale = i18n.currentLocale === 'ko' ? 'ko' : 'en';
  const terminal = useRef<TerminalHandle>(null);
  const connection = useRef<RunnerConnection | null>(null);
  const pending = useRef(new Map<string, Pending>());
  const [state, setState] = useState<ConnectionState>({kind: 'connecting'});
  const [probe, setProbe] = useState<ProbeReport | null>(null);
  const [history, setHistory] = useState<LabHistory>(() => loadHistory(lab.id));
  const [live, setLiveState] = useState<LiveSession>(() => newSession());
  const [solutionOpen, setSolutionOpen] = useState(false);
  const [busy, setBusy] = useState<LabAction | null>(null);
  const [log, setLog] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [confirmReset, setConfirmReset] = useState(false);
  const [screenReader, setScreenReader] = useState(loadScreenReader);
  const [ctrlHeld, setCtrlHeldState] = useState(false);
  // Message handlers run outside React's render; they read and write the latest state through these.
  const liveRef = useRef(live);
  const ctrlRef = useRef(false);
  const taskIds = lab.tasks.map((t) => t.id);

  const setLive = useCallback((next: LiveSession) => {
    liveRef.current = next;
    setLiveState(next);
  }, []);

  const setCtrlHeld = useCallback((held: boolean) => {
    ctrlRef.current = held;
    setCtrlHeldState(held);
  }, []);

  const updateHistory = useCallback(
    (change: (h: LabHistory) => LabHistory) => {
      setHistory((current) => {
        const next = change(current);
        saveHistory(lab.id, next);
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
        case ServerMessageType.Ready: {
          setProbe(message.probe);
          // A session this tab set up before (the runner resumed it) keeps its state: ask a check
          // what it is. Any other session is new, and starts the lab from its broken state.
          const resumed = isResumed(lab.id, message);
          setLive({...newSession(message.session), setUp: resumed});
          if (resumed) run(LabAction.Check, true);
          else if (lab.requires === 'local' || message.probe.clusterReady) run(LabAction.Setup);
          break;
        }
        case ServerMessageType.ProbeResult:
          setProbe(message.probe);
          break;
        case ServerMessageType.ActionOutput:
          if (!pending.current.get(message.requestId)?.quiet) setLog((current) => (current + message.data).slice(-MAX_LOG_CHARS));
          break;
        case ServerMessageType.ActionResult: {
          const request = pending.current.get(message.requestId);
          pending.current.delete(message.requestId);
          const askedFor = !request?.quiet;
          if (askedFor) setBusy(null);
          if (!message.ok && message.action !== LabAction.Check) {
            setNotice({text: message.message ?? translate({id: 'lab.action.failed', message: 'The lab script failed. Its output is below.'}), tone: 'fail'});
            return;
          }
          if (message.action === LabAction.Setup || message.action === LabAction.Reset) {
            rememberSetUp(lab.id, liveRef.current.sessionId);
            setLive({...newSession(liveRef.current.sessionId), setUp: true, startedAtMs: Date.now()});
            if (message.action === LabAction.Reset) updateHistory((h) => ({...h, hintsShown: {}}));
            setNotice({text: translate({id: 'lab.setup.done', message: 'The lab is ready: something is broken. Investigate in the terminal.'}), tone: 'info'});
          } else if (message.action === LabAction.Cleanup) {
            setLive({...liveRef.current, setUp: false});
          } else if (message.action === LabAction.Solution) {
            setSolutionOpen(true);
            run(LabAction.Check);
          } else if (message.action === LabAction.Check && message.tasks) {
            const before = allPassed(liveRef.current, taskIds);
            const next = withCheckResult(liveRef.current, message.tasks, askedFor, Date.now());
            const after = allPassed(next, taskIds);
            setLive(next);
            if (after && !before) updateHistory((h) => ({...h, completedAtMs: Date.now()}));
            if (after && (askedFor || !before)) {
              setNotice({text: translate({id: 'lab.check.allPass', message: 'Every task passes. Well done: the fix is real.'}), tone: 'ok'});
            } else if (!after && askedFor) {
              setNotice({text: translate({id: 'lab.check.someFail', message: 'Not fixed yet. Each open task says what is still wrong.'}), tone: 'fail'});
            } else if (!after && before) {
              setNotice({text: translate({id: 'lab.check.regressed', message: 'A task that passed fails again. Each open task says what is wrong now.'}), tone: 'fail'});
            }
          }
          break;
        }
        case ServerMessageType.Error:
          if (message.requestId) {
            const request = pending.current.get(message.requestId);
            pending.current.delete(message.requestId);
            if (request?.quiet) return;
            setBusy(null);
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
    // taskIds is derived from lab, which is fixed for the widget's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lab.id, lab.requires, run, setLive, updateHistory],
  );

  useEffect(() => {
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
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The quiet check keeps running after every task passes: a fix undone in the terminal shows
  // as failing again, a fix made without pressing Check shows as passing.
  useEffect(() => {
    if (state.kind !== 'connected' || !live.setUp || clusterBlocked) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && pending.current.size === 0) run(LabAction.Check, true);
    }, AUTO_CHECK_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [state.kind, live.setUp, clusterBlocked, run]);

  const sendInput = useCallback(
    (data: string) => {
      if (ctrlRef.current) {
        setCtrlHeld(false);
        connection.current?.sendInput(withCtrl(data));
        return;
      }
      connection.current?.sendInput(data);
    },
    [setCtrlHeld],
  );

  const sendKey = useCallback(
    (key: BarKey) => {
      const sequence = keySequence(key, {applicationCursor: terminal.current?.applicationCursor() ?? false, ctrl: ctrlRef.current});
      setCtrlHeld(false);
      connection.current?.sendInput(sequence);
      terminal.current?.focus();
    },
    [setCtrlHeld],
  );

  const connected = state.kind === 'connected';
  const canAct = connected && busy === null && !clusterBlocked;
  const solutionOffered = live.failedChecks >= FAILED_CHECKS_BEFORE_SOLUTION || solutionOpen;
  const elapsed = live.startedAtMs ? (live.finishedAtMs ?? now) - live.startedAtMs : 0;
  const complete = live.setUp && allPassed(live, taskIds);

  const busyLabel: Record<LabAction, string> = {
    setup: translate({id: 'lab.busy.setup', message: 'Setting up the lab…'}),
    check: translate({id: 'lab.busy.check', message: 'Checking…'}),
    solution: translate({id: 'lab.busy.solution', message: 'Applying the solution…'}),
    reset: translate({id: 'lab.busy.reset', message: 'Resetting the lab…'}),
    cleanup: translate({id: 'lab.busy.cleanup', message: 'Cleaning up…'}),
  };

  const statusText: Record<TaskStatus, string> = {
    pass: translate({id: 'lab.task.passed', message: 'passed'}),
    fail: translate({id: 'lab.task.failed', message: 'not fixed yet'}),
    blocked: translate({id: 'lab.task.blocked', message: 'waiting for an earlier task'}),
    open: translate({id: 'lab.task.open', message: 'not checked yet'}),
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
        {history.completedAtMs && (
          <span
            className={clsx(styles.badge, styles.history)}
            data-testid="lab-history"
            title={translate({id: 'lab.history.title', message: 'Kept in this browser. Whether the lab passes now is what a check of the live session says.'})}>
            <span aria-hidden="true">✓ </span>
            <Translate id="lab.history.completed" values={{date: formatCompletionDate(history.completedAtMs, i18n.currentLocale)}}>
              {'Completed on {date}'}
            </Translate>
          </span>
        )}
        {live.startedAtMs && (
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
        onTrustRunner={(origin) => {
          trustRunner(origin);
          connection.current?.restart();
        }}
        onLocalRunner={() => {
          switchToLocalRunner();
          connection.current?.restart(null, DEFAULT_RUNNER);
        }}
        isToken={isToken}
      />

      <div className={styles.body}>
        <div className={styles.panel} data-testid="lab-panel">
          <p className={styles.tasksHeading} id={`lab-${lab.id}-tasks`}>
            <Translate id="lab.tasks.heading">Tasks</Translate>
          </p>
          <ol className={styles.tasks} aria-labelledby={`lab-${lab.id}-tasks`}>
            {lab.tasks.map((task) => {
              const result = live.tasks[task.id];
              const shown = history.hintsShown[task.id] ?? 0;
              const status: TaskStatus = result?.pass ? 'pass' : result ? (result.blocked ? 'blocked' : 'fail') : 'open';
              return (
                <li key={task.id} className={clsx(styles.task, styles[status])} data-task={task.id} data-state={status}>
                  <span className={styles.taskState} aria-hidden="true">
                    {status === 'pass' ? '✓' : status === 'fail' ? '✗' : '○'}
                  </span>
                  <div className={styles.taskBody}>
                    <span className={styles.taskTitle}>
                      <InlineCode text={task.title[locale]} />
                    </span>
                    <span className={styles.taskStatus}>{statusText[status]}</span>
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
                          updateHistory((h) => ({...h, hintsShown: {...h.hintsShown, [task.id]: shown + 1}}));
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
            <button type="button" className="button button--primary" disabled={!canAct || !live.setUp} onClick={() => run(LabAction.Check)}>
              <Translate id="lab.button.check">Check</Translate>
            </button>
            {!live.setUp && (
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
              {notice.fix && <Fix fix={notice.fix} />}
            </div>
          )}

          <details className={styles.solution} open={solutionOpen} data-testid="lab-solution">
            <summary
              onClick={(event) => {
                event.preventDefault();
                if (!solutionOpen) connection.current?.report({t: ProgressMessageType.SolutionRevealed});
                setSolutionOpen((open) => !open);
              }}>
              {solutionOffered && !solutionOpen
                ? translate({id: 'lab.solution.offered', message: 'Stuck? Show the solution'})
                : translate({id: 'lab.solution.summary', message: 'Solution'})}
            </summary>
            {solutionOpen && (
              <div>
                <p>
                  <InlineCode text={lab.solution[locale]} />
                </p>
                <p>
                  <Translate id="lab.solution.commands">The same fix as commands you can type in the terminal:</Translate>
                </p>
                <CodeBlock language="bash">{readerSolution(lab.solutionScript)}</CodeBlock>
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
          {complete && (
            <p className={styles.done}>
              <Translate id="lab.done" values={{time: formatElapsed(elapsed)}}>
                {'Lab complete in {time}. Reset it to practise again.'}
              </Translate>
            </p>
          )}

          <label className={styles.option}>
            <input
              type="checkbox"
              checked={screenReader}
              onChange={(event) => {
                setScreenReader(event.target.checked);
                saveScreenReader(event.target.checked);
              }}
            />{' '}
            <Translate id="lab.screenReader.label">Screen reader mode</Translate>
          </label>
        </div>
        <div className={styles.terminalColumn}>
          <Terminal
            ref={terminal}
            label={translate({id: 'lab.terminal.label', message: 'Lab terminal'})}
            screenReader={screenReader}
            onInput={sendInput}
            onResize={(cols, rows) => connection.current?.resize(cols, rows)}
          />
          <KeyBar ctrl={ctrlHeld} onCtrl={setCtrlHeld} onKey={sendKey} />
        </div>
      </div>
    </section>
  );
}
