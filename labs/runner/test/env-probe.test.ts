import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {EnvProbe, FIX_FOR, clusterProblem, localizeProbe} from '../src/env-probe';
import {translator} from '../src/i18n';
import {ErrorCode, ProbeItemId, ProbeState} from '../src/protocol';
import {FIXTURES} from './helpers';

const FAKE_BIN = path.join(FIXTURES, 'fake-bin');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-probe-'));
const kubeconfig = path.join(tmp, 'kubeconfig');
fs.writeFileSync(kubeconfig, [
  'apiVersion: v1', 'kind: Config', 'current-context: kind-k8s-labs',
  'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
  'contexts: [{name: kind-k8s-labs, context: {cluster: c, user: u}}]',
  'users: [{name: u, user: {token: fake}}]', '',
].join('\n'));

describe('EnvProbe', () => {
  after(() => fs.rmSync(tmp, {recursive: true, force: true}));

  function item(facts: Awaited<ReturnType<EnvProbe['probe']>>, id: string) {
    const found = facts.items.find((i) => i.id === id);
    assert.ok(found, id);
    return found;
  }

  test('everything present: cluster labs can run', async () => {
    const probe = new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: kubeconfig, labContext: 'kind-k8s-labs'});
    const facts = await probe.probe();
    assert.equal(facts.clusterReady, true);
    for (const i of facts.items) assert.equal(i.state, ProbeState.Ok, i.id);
    assert.equal(item(facts, ProbeItemId.Kind).detail, 'v0.29.0');
    assert.equal(item(facts, ProbeItemId.Kubectl).detail, 'v1.33.1');
    assert.equal(item(facts, ProbeItemId.DockerDaemon).detail, '28.2.2');
    assert.equal(clusterProblem(facts), null);
  });

  test('daemon down, kind too old, no kubectl: each has its code and fix; the cluster is not even tried', async () => {
    const probe = new EnvProbe({path: path.join(FAKE_BIN, 'old-kind'), kubeconfigPath: kubeconfig, labContext: 'kind-k8s-labs'});
    const facts = await probe.probe();
    assert.equal(facts.clusterReady, false);
    assert.equal(item(facts, ProbeItemId.Docker).state, ProbeState.Ok);
    assert.equal(item(facts, ProbeItemId.DockerDaemon).code, ErrorCode.DockerNotRunning);
    assert.equal(item(facts, ProbeItemId.Kind).code, ErrorCode.KindTooOld);
    assert.equal(item(facts, ProbeItemId.Kubectl).code, ErrorCode.NoKubectl);
    assert.equal(item(facts, ProbeItemId.Cluster).state, ProbeState.Skipped);
    assert.equal(clusterProblem(facts)?.code, ErrorCode.NoKubectl);

    const ko = localizeProbe(facts, translator('ko'));
    const kind = ko.items.find((i) => i.id === ProbeItemId.Kind)!;
    assert.match(kind.message!, /v0\.20\.0.*v0\.24\.0/);
    assert.equal(kind.fix, FIX_FOR[ErrorCode.KindTooOld]);
    assert.equal(ko.items.find((i) => i.id === ProbeItemId.DockerDaemon)!.fix, FIX_FOR[ErrorCode.DockerNotRunning]);
  });

  test('nothing installed, no kubeconfig', async () => {
    const probe = new EnvProbe({path: path.join(tmp, 'empty-bin'), kubeconfigPath: path.join(tmp, 'missing'), labContext: 'kind-k8s-labs'});
    const facts = await probe.probe();
    assert.deepEqual(facts.items.map((i) => [i.id, i.state, i.code]), [
      [ProbeItemId.Docker, ProbeState.Failed, ErrorCode.NoDocker],
      [ProbeItemId.DockerDaemon, ProbeState.Skipped, undefined],
      [ProbeItemId.Kind, ProbeState.Failed, ErrorCode.NoKind],
      [ProbeItemId.Kubectl, ProbeState.Failed, ErrorCode.NoKubectl],
      [ProbeItemId.Kubeconfig, ProbeState.Failed, ErrorCode.NoCluster],
      [ProbeItemId.Cluster, ProbeState.Skipped, undefined],
    ]);
    const en = localizeProbe(facts, translator('en'));
    assert.equal(en.items.find((i) => i.id === ProbeItemId.Kubeconfig)!.fix, 'npm run cluster:up');
  });

  test('a kubeconfig for another context is refused before kubectl is asked', async () => {
    const other = path.join(tmp, 'other');
    fs.writeFileSync(other, fs.readFileSync(kubeconfig, 'utf8').replace('current-context: kind-k8s-labs', 'current-context: prod'));
    const probe = new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: other, labContext: 'kind-k8s-labs'});
    const facts = await probe.probe();
    assert.equal(clusterProblem(facts)?.code, ErrorCode.NotLabCluster);
    assert.equal(item(facts, ProbeItemId.Cluster).state, ProbeState.Skipped);
    assert.match(localizeProbe(facts, translator('en')).items.find((i) => i.id === ProbeItemId.Kubeconfig)!.message!, /"prod".*"kind-k8s-labs"/);
  });

  test('results are cached, and concurrent callers share one run', async () => {
    const probe = new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: kubeconfig, labContext: 'kind-k8s-labs', cacheMs: 60_000});
    const [a, b] = await Promise.all([probe.probe(), probe.probe()]);
    assert.equal(a, b);
    assert.equal(await probe.probe(), a);
    const uncached = new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: kubeconfig, labContext: 'kind-k8s-labs', cacheMs: 0});
    const first = await uncached.probe();
    assert.notEqual(await uncached.probe(), first);
  });
});
