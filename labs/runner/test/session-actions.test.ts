import assert from 'node:assert/strict';
import path from 'node:path';
import {describe, test} from 'node:test';
import {EnvProbe} from '../src/env-probe';
import {translator} from '../src/i18n';
import {runScript} from '../src/lab-actions';
import {loadLabCatalog} from '../src/lab-catalog';
import {Logger} from '../src/log';
import {ClientMessageType, ErrorCode, LabAction, ServerMessageType, type ServerMessage} from '../src/protocol';
import {SessionActions, type ActionHost} from '../src/session-actions';
import {SCENARIOS, waitUntil} from './helpers';

const labs = loadLabCatalog(SCENARIOS, Logger.silent());

function host(lab: string): {host: ActionHost; sent: ServerMessage[]; notes: string[]; errors: [ErrorCode, string][]} {
  const sent: ServerMessage[] = [];
  const notes: string[] = [];
  const errors: [ErrorCode, string][] = [];
  const t = translator('en');
  return {
    sent, notes, errors,
    host: {
      entry: labs.get(lab)!, runScript, cwd: SCENARIOS, env: {PATH: process.env.PATH ?? '', LAB_WORKDIR: '/nonexistent'},
      probe: new EnvProbe({path: '', kubeconfigPath: path.join(SCENARIOS, 'none'), labContext: 'kind-k8s-labs'}),
      log: Logger.silent(), signal: new AbortController().signal, killGraceMs: 100, maxOutputBytes: 1024,
      isClosed: () => false, t: () => t,
      send: (m) => sent.push(m),
      sendError: (code, _values, requestId) => errors.push([code, requestId]),
      note: (text) => notes.push(text),
      noteClusterProblem: (code) => notes.push(code),
      refreshKubeconfig: () => assert.fail('must not hand out a kubeconfig without a cluster'),
      touch: () => {},
    },
  };
}

describe('SessionActions', () => {
  test('one action at a time: the second is refused as busy, naming the first', async () => {
    const h = host('hang-setup');
    const actions = new SessionActions(h.host);
    actions.start({t: ClientMessageType.Action, action: LabAction.Solution, requestId: 'a'});
    actions.start({t: ClientMessageType.Action, action: LabAction.Check, requestId: 'b'});
    assert.deepEqual(h.errors, [[ErrorCode.Busy, 'b']]);
    assert.ok(actions.busy);
    await actions.settled();
    assert.ok(!actions.busy);
    assert.ok(h.sent.some((m) => m.t === ServerMessageType.ActionResult && m.requestId === 'a' && m.ok));
  });

  test('a cluster lab without a cluster is refused before any script runs', async () => {
    const h = host('cluster-lab');
    const actions = new SessionActions(h.host);
    actions.start({t: ClientMessageType.Action, action: LabAction.Setup, requestId: 'c'});
    await actions.settled();
    assert.deepEqual(h.errors, [[ErrorCode.NoKubectl, 'c']], 'kubectl is first in line (the probe PATH is empty)');
    assert.deepEqual(h.notes, [ErrorCode.NoKubectl]);
    assert.ok(!h.sent.some((m) => m.t === ServerMessageType.ActionStarted));
  });

  test('output beyond the limit is dropped after one truncation note', async () => {
    const h = host('broken-file');
    h.host.maxOutputBytes = 10;
    const actions = new SessionActions(h.host);
    actions.start({t: ClientMessageType.Action, action: LabAction.Setup, requestId: 'd'});
    await waitUntil(() => !actions.busy, 'setup to finish');
    const output = h.sent.filter((m) => m.t === ServerMessageType.ActionOutput);
    assert.equal(output.length, 1);
    assert.match(output[0]!.t === ServerMessageType.ActionOutput ? output[0]!.data : '', /dropped after 10 bytes/);
  });
});
