/** What the lab's connection to the runner is doing, and what the reader can do about it. */
import {useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Translate, {translate} from '@docusaurus/Translate';
import CodeBlock from '@theme/CodeBlock';
import {ProbeState, type ProbeReport} from '@site/labs/runner/src/protocol';
import type {ConnectionState} from './connection';
import {runnerAddress} from './token';
import styles from './styles.module.css';

type Props = {
  state: ConnectionState;
  probe: ProbeReport | null;
  requires: 'cluster' | 'local';
  onToken: (token: string) => void;
  onRetry: () => void;
  onForget: () => void;
  onTrustRunner: (origin: string) => void;
  onLocalRunner: () => void;
  isToken: (value: string) => boolean;
};

function TokenForm({onToken, isToken}: Pick<Props, 'onToken' | 'isToken'>): ReactNode {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className={styles.tokenForm}
      onSubmit={(event) => {
        event.preventDefault();
        const token = value.trim().replace(/^.*#token=/, '').replace(/&.*$/, '');
        if (!isToken(token)) {
          setInvalid(true);
          return;
        }
        setInvalid(false);
        onToken(token);
      }}>
      <label htmlFor="lab-token">
        <Translate id="lab.token.label">Runner link or token</Translate>
      </label>
      <input
        id="lab-token"
        type="password"
        autoComplete="off"
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'lab-token-error' : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="button button--sm button--primary">
        <Translate id="lab.token.connect">Connect</Translate>
      </button>
      {invalid && (
        <span id="lab-token-error" className={styles.inputError}>
          <Translate id="lab.token.invalid">That is not a runner token: it is the long hexadecimal string after #token= in the link the runner printed.</Translate>
        </span>
      )}
    </form>
  );
}

const START_COMMAND = 'npm run runner';

/**
 * What fixes a missing piece: a command to copy, or a web page to open. A page is a link the
 * reader can follow, never text in a code block.
 */
export function Fix({fix}: {fix: string}): ReactNode {
  if (/^https:\/\/\S+$/.test(fix)) {
    return (
      <p className={styles.fixLink}>
        <Translate id="lab.fix.page" values={{link: <a href={fix} target="_blank" rel="noopener noreferrer">{fix}</a>}}>
          {'How to fix it: {link}'}
        </Translate>
      </p>
    );
  }
  return <CodeBlock language="shell">{fix}</CodeBlock>;
}

export default function ConnectionStatus(props: Props): ReactNode {
  const {state, probe, requires} = props;
  const address = runnerAddress();
  const seconds = (ms: number) => Math.round(ms / 1000);
  let tone: 'ok' | 'fail' | 'info' = 'info';
  let body: ReactNode;

  switch (state.kind) {
    case 'no-token':
      body = (
        <>
          <p>
            <Translate id="lab.state.noToken">
              To open a terminal, start the lab runner from a clone of this repository and open the link it prints (the site and the runner together: npm start).
            </Translate>
          </p>
          <CodeBlock language="shell">{START_COMMAND}</CodeBlock>
          <TokenForm {...props} />
        </>
      );
      break;
    case 'confirm-runner':
      body = (
        <>
          <p>
            <Translate id="lab.state.confirmRunner" values={{origin: <code>{state.origin}</code>}}>
              {'This link connects the terminal to a class runner at {origin}: everything you type in it goes there. Connect only if your trainer gave you this link.'}
            </Translate>
          </p>
          <div className={styles.confirmActions}>
            <button type="button" className="button button--sm button--primary" onClick={() => props.onTrustRunner(state.origin)}>
              <Translate id="lab.runner.trust">Connect to this class runner</Translate>
            </button>
            <button type="button" className="button button--sm button--secondary" onClick={props.onLocalRunner}>
              <Translate id="lab.runner.local">Use my own runner instead</Translate>
            </button>
          </div>
        </>
      );
      break;
    case 'connecting':
      body = (
        <p>
          <Translate id="lab.state.connecting" values={{address}}>
            {'Connecting to the runner at {address}…'}
          </Translate>
        </p>
      );
      break;
    case 'runner-down':
      tone = 'fail';
      body = (
        <>
          <p>
            <Translate id="lab.state.runnerDown" values={{address, seconds: seconds(state.retryInMs)}}>
              {'The lab runner is not running at {address}. Start it from the repository, then this page connects by itself (next try in {seconds} s).'}
            </Translate>
          </p>
          <CodeBlock language="shell">{START_COMMAND}</CodeBlock>
          <button type="button" className="button button--sm button--secondary" onClick={props.onRetry}>
            <Translate id="lab.retry">Try again now</Translate>
          </button>
        </>
      );
      break;
    case 'token-refused':
      tone = 'fail';
      body = (
        <>
          <p>
            <Translate id="lab.state.tokenRefused">
              The runner refused the token. Each start of the runner makes a new one: open the link it printed last, or paste it here.
            </Translate>
          </p>
          <TokenForm {...props} />
          <button type="button" className="button button--sm button--link" onClick={props.onForget}>
            <Translate id="lab.token.forget">Forget the old token</Translate>
          </button>
        </>
      );
      break;
    case 'closed':
      body = (
        <>
          <p>
            {state.message ||
              translate({id: 'lab.state.closed', message: 'The session ended.'})}
          </p>
          <button type="button" className="button button--sm button--primary" onClick={props.onRetry}>
            <Translate id="lab.reconnect">Reconnect</Translate>
          </button>
        </>
      );
      break;
    case 'disconnected':
      tone = 'fail';
      body = (
        <>
          <p>
            <Translate id="lab.state.disconnected" values={{seconds: seconds(state.retryInMs)}}>
              {'The connection to the runner dropped. Reconnecting in {seconds} s.'}
            </Translate>
          </p>
          <button type="button" className="button button--sm button--secondary" onClick={props.onRetry}>
            <Translate id="lab.retry">Try again now</Translate>
          </button>
        </>
      );
      break;
    case 'connected': {
      const missing = probe?.items.filter((item) => item.state === ProbeState.Failed) ?? [];
      if (requires === 'cluster' && probe && !probe.clusterReady) {
        tone = 'fail';
        body = (
          <>
            <p>
              <Translate id="lab.state.noCluster">
                Connected, but this lab needs the kind cluster and the runner cannot use it yet:
              </Translate>
            </p>
            <ul>
              {missing.map((item) => (
                <li key={item.id}>
                  {item.message ?? item.id}
                  {item.fix && <Fix fix={item.fix} />}
                </li>
              ))}
            </ul>
          </>
        );
      } else {
        tone = 'ok';
        body = (
          <p>
            <Translate id="lab.state.connected">Connected. The terminal below is a shell in this lab.</Translate>
          </p>
        );
      }
      break;
    }
  }

  return (
    <div className={clsx(styles.status, styles[tone])} role="status" aria-live="polite" data-state={state.kind}>
      {body}
    </div>
  );
}
