import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {runScript} from '../src/lab-actions';
import {sessionMembers} from '../src/process-group';
import {
  ClientMessageType, ErrorCode, GenericCheckCode, LabAction, ServerMessageType,
  type ActionResultMessage, type ErrorMessage, type ServerMessage,
} from '../src/protocol';
import {SCENARIOS, startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';
import {OTHER_CA, kubeconfigText, writeLabKubeconfig} from './lab-identity';

function result(message: ServerMessage): ActionResultMessage {
  assert.equal(message.t, ServerMessageType.ActionResult, JSON.stringify(message));
  return message as ActionResultMessage;
}

function error(message: ServerMessage): ErrorMessage {
  assert.equal(message.t, ServerMessageType.Error, JSON.stringify(message));
  return message as ErrorMessage;
}

describe('runScript', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-script-'));
  after(() => fs.rmSync(tmp, {recursive: true, force: true}));

  test('decodes UTF-8 across pipe chunks and keeps the first stdout line', async () => {
    const script = path.join(tmp, 'korean.sh');
    // 30 000 × 가 = 90 000 bytes, more than one 64 KiB pipe read, and 65 536 is not a multiple of 3.
    fs.writeFileSync(script, "echo FIRST_LINE\nprintf '\\xea\\xb0\\x80%.0s' $(seq 30000)\necho\n");
    let out = '';
    const res = await runScript({script, cwd: tmp, env: {PATH: process.env.PATH ?? ''}, timeoutMs: 10_000, killGraceMs: 100, onOutput: (_s, text) => (out += text)});
    assert.equal(res.exitCode, 0);
    assert.equal(res.firstLine, 'FIRST_LINE');
    assert.ok(out.includes('가'.repeat(30000)));
    assert.ok(!out.includes('\uFFFD'));
  });

  test('an abort kills the whole process group at once', async () => {
    const script = path.join(tmp, 'forever.sh');
    fs.writeFileSync(script, 'echo "$$"\nsleep 600 &\nsleep 600\n');
    const controller = new AbortController();
    let out = '';
    const running = runScript({script, cwd: tmp, env: {PATH: process.env.PATH ?? ''}, timeoutMs: 60_000, killGraceMs: 100, signal: controller.signal, onOutput: (_s, text) => (out += text)});
    const pid = Number(await waitUntil(() => /^\d+/.exec(out)?.[0], 'the script to start'));
    controller.abort();
    const res = await running;
    assert.equal(res.exitCode, null);
    assert.equal(sessionMembers(pid).length, 0, 'the background sleep is gone too');
  });
});

describe('a local lab, end to end', () => {
  let tr: TestRunner;
  before(async () => {
    tr = await startTestRunner({actionKillGraceMs: 300});
  });
  after(() => tr.close());

  test('setup → check fails with its code → solution → check passes → cleanup', async () => {
    const client = await TestClient.start(tr);
    const setup = result(await client.action(LabAction.Setup));
    assert.equal(setup.ok, true);
    assert.equal(setup.exitCode, 0);
    const output = client.messages.filter((m) => m.t === ServerMessageType.ActionOutput && m.requestId === setup.requestId);
    assert.ok(output.some((m) => m.t === ServerMessageType.ActionOutput && m.data.includes('준비 완료 (lab-broken-file)')), 'script output streams, UTF-8 intact');
    assert.ok(client.messages.some((m) => m.t === ServerMessageType.ActionStarted && m.requestId === setup.requestId));
    assert.match(await client.run('cat app.conf'), /mode=broken/, 'setup worked in the shell folder');

    const failing = result(await client.action(LabAction.Check));
    assert.equal(failing.ok, true);
    assert.deepEqual(failing.tasks, [
      {id: 'fix-config', pass: false, code: 'CONFIG_BROKEN', blocked: false},
      {id: 'leave-marker', pass: false, code: null, blocked: true},
    ]);

    // Deleting the file passes the check itself, but not its guard: deleting is no fix.
    await client.run('rm app.conf');
    const deleted = result(await client.action(LabAction.Check));
    assert.deepEqual(deleted.tasks?.[0], {id: 'fix-config', pass: false, code: 'CONFIG_MISSING', blocked: false});

    await client.run('printf "mode=fixed\\n" > app.conf');
    const partly = result(await client.action(LabAction.Check));
    assert.deepEqual(partly.tasks?.map((t) => [t.id, t.pass, t.code]), [['fix-config', true, null], ['leave-marker', false, 'MARKER_MISSING']]);

    assert.equal(result(await client.action(LabAction.Solution)).ok, true);
    const passing = result(await client.action(LabAction.Check));
    assert.deepEqual(passing.tasks?.map((t) => t.pass), [true, true]);

    const reset = result(await client.action(LabAction.Reset));
    assert.equal(reset.ok, true);
    assert.deepEqual(result(await client.action(LabAction.Check)).tasks?.map((t) => t.code), ['CONFIG_BROKEN', null]);

    assert.equal(result(await client.action(LabAction.Cleanup)).ok, true);
    assert.match(await client.run('ls -a'), /manifests/);
    assert.doesNotMatch(await client.run('ls'), /app\.conf/);
    await client.close();
  });

  test('a second action while one runs gets RUNNER_ERR_BUSY', async () => {
    const client = await TestClient.start(tr, 'hang-setup');
    client.send({t: ClientMessageType.Action, action: LabAction.Setup, requestId: 'first'});
    await client.waitForMessage((m) => m.t === ServerMessageType.ActionStarted, 'first action to start');
    const busy = error(await client.action(LabAction.Check));
    assert.equal(busy.code, ErrorCode.Busy);
    assert.equal(busy.fatal, false);
    assert.match(busy.message, /\(setup\)/, 'names the action still running');
    await client.close();
  });

  test('a hanging setup is killed at its timeout, group and all, with RUNNER_ERR_ACTION_TIMEOUT', async () => {
    const client = await TestClient.start(tr, 'hang-setup', {locale: 'ko'});
    const started = Date.now();
    const res = result(await client.action(LabAction.Setup));
    const elapsedMs = Date.now() - started;
    assert.equal(res.ok, false);
    assert.equal(res.code, ErrorCode.ActionTimeout);
    assert.match(res.message ?? '', /setup\.sh.*1초/);
    assert.ok(elapsedMs >= 1000, `killed only after the 1 s timeout (${elapsedMs} ms)`);
    const out = client.messages.map((m) => (m.t === ServerMessageType.ActionOutput ? m.data : '')).join('');
    const pid = Number(/hanging in (\d+)/.exec(out)?.[1]);
    assert.ok(pid > 0);
    assert.equal(sessionMembers(pid).length, 0, 'the script and its sleep (which ignored SIGTERM) are gone');
    await client.waitForText(ErrorCode.ActionTimeout);
    assert.match(client.text, /\x1b\[33m[^\n]*RUNNER_ERR_ACTION_TIMEOUT/, 'the terminal says so too, in yellow');
    await client.close();
  });

  test('a hanging check fails its task with CHECK_TIMEOUT', async () => {
    const client = await TestClient.start(tr, 'hang-setup');
    const res = result(await client.action(LabAction.Check));
    assert.deepEqual(res.tasks, [{id: 'never', pass: false, code: GenericCheckCode.TimedOut, blocked: false}]);
    await client.close();
  });
});

describe('a cluster lab without a lab cluster', () => {
  let tr: TestRunner;
  let kubeconfigDir: string;
  let kubeconfig: string;
  before(async () => {
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-kc-'));
    kubeconfig = path.join(kubeconfigDir, 'kubeconfig');
    tr = await startTestRunner({probeCacheMs: 0, kubeconfigPath: kubeconfig});
  });
  after(async () => {
    await tr.close();
    fs.rmSync(kubeconfigDir, {recursive: true, force: true});
  });

  /** A kubeconfig with the given context; for the lab context, recorded as cluster:up does. */
  function writeKubeconfig(context: string, server: string): void {
    if (context === 'kind-k8s-labs') writeLabKubeconfig(kubeconfig, {server});
    else fs.writeFileSync(kubeconfig, kubeconfigText({context, server}));
  }

  async function refusedWith(code: ErrorCode): Promise<TestClient> {
    const client = await TestClient.start(tr, 'cluster-lab');
    const ready = client.messages[0]!;
    assert.ok(ready.t === ServerMessageType.Ready && !ready.probe.clusterReady);
    await client.waitForText('npm run cluster:up');
    const notesBefore = client.text.split('npm run cluster:up').length;
    const refused = error(await client.action(LabAction.Setup));
    assert.equal(refused.code, code);
    assert.equal(refused.fix, 'npm run cluster:up');
    assert.equal(refused.fatal, false);
    await waitUntil(() => client.text.split('npm run cluster:up').length > notesBefore, 'the terminal note');
    assert.match(client.text, new RegExp(`\\x1b\\[33m[^\\n]*${code}`), 'the terminal says why, in yellow');
    assert.equal(error(await client.action(LabAction.Check)).code, code, 'checks are refused too');
    const ls = await client.run('ls');
    assert.doesNotMatch(ls, /-ran/, 'no lab script ran');
    return client;
  }

  test('no kubeconfig: RUNNER_ERR_NO_CLUSTER with the fix command, in the widget and the terminal', async () => {
    fs.rmSync(kubeconfig, {force: true});
    const client = await refusedWith(ErrorCode.NoCluster);
    await client.close();
  });

  test('a kubeconfig for another context: RUNNER_ERR_NOT_LAB_CLUSTER, and the shell gets no credentials', async () => {
    writeKubeconfig('prod-cluster', 'https://127.0.0.1:1');
    const client = await refusedWith(ErrorCode.NotLabCluster);
    assert.equal(await client.run('cat "$KUBECONFIG" | wc -c').then((o) => /\r0\r\n/.test(o)), true, 'the session kubeconfig is empty');
    await client.close();
  });

  test('the lab context but no cluster answering: RUNNER_ERR_CLUSTER_UNREACHABLE', async (t) => {
    try {
      execFileSync('kubectl', ['version', '--client'], {stdio: 'ignore'});
    } catch {
      t.skip('kubectl is not installed here');
      return;
    }
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    writeKubeconfig('kind-k8s-labs', 'https://127.0.0.1:1');
    const client = await refusedWith(ErrorCode.ClusterUnreachable);
    await client.close();
  });

  test('the lab context leading to a cluster cluster:up did not make: RUNNER_ERR_FOREIGN_CLUSTER, no credentials', async () => {
    writeKubeconfig('kind-k8s-labs', 'https://127.0.0.1:1');
    fs.writeFileSync(kubeconfig, kubeconfigText({server: 'https://127.0.0.1:2', ca: OTHER_CA}));
    const client = await refusedWith(ErrorCode.ForeignCluster);
    assert.match(client.text, /not make|만들지 않은/);
    assert.equal(await client.run('cat "$KUBECONFIG" | wc -c').then((o) => /\r0\r\n/.test(o)), true, 'the session kubeconfig is empty');
    await client.close();
  });
});

describe('a local lab whose tool is missing', () => {
  let tr: TestRunner;
  let labsDir: string;
  before(async () => {
    // broken-file, as a lab that calls kubectl (as `kubectl kustomize` labs do), on a machine without it.
    labsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-tools-'));
    fs.cpSync(path.join(SCENARIOS, 'broken-file'), path.join(labsDir, 'broken-file'), {recursive: true});
    const file = path.join(labsDir, 'broken-file', 'lab.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tools: []', 'tools: [kubectl]'));
    // The machine's commands (bash for the shell and the scripts among them), without kubectl.
    const bin = path.join(labsDir, 'no-kubectl-bin');
    fs.mkdirSync(bin);
    for (const source of [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin']) {
      if (!fs.existsSync(source)) continue;
      for (const name of fs.readdirSync(source)) {
        if (name !== 'kubectl' && !fs.existsSync(path.join(bin, name))) fs.symlinkSync(path.join(source, name), path.join(bin, name));
      }
    }
    tr = await startTestRunner({probeCacheMs: 0, labsDir, toolPath: bin});
  });
  after(async () => {
    await tr.close();
    fs.rmSync(labsDir, {recursive: true, force: true});
  });

  test('its actions are refused with RUNNER_ERR_NO_KUBECTL and where to get it, in the widget and the terminal', async () => {
    const client = await TestClient.start(tr, 'broken-file');
    await client.waitForText('RUNNER_ERR_NO_KUBECTL');
    assert.match(client.text, /\x1b\[33m[^\n]*This lab needs a tool this machine does not have: \[RUNNER_ERR_NO_KUBECTL\]/);
    const refused = error(await client.action(LabAction.Setup));
    assert.equal(refused.code, ErrorCode.NoKubectl);
    assert.equal(refused.fix, 'https://kubernetes.io/docs/tasks/tools/');
    assert.equal(await client.run('ls').then((out) => out.includes('app.conf')), false, 'setup did not run');
    await client.close();
  });
});
