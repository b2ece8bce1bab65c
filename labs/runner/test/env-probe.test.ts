import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {EnvProbe, FIX_FOR, clusterProblem, labProblem, localizeProbe, problemNote} from '../src/env-probe';
import {translator} from '../src/i18n';
import {ErrorCode, ProbeItemId, ProbeState} from '../src/protocol';
import {FIXTURES} from './helpers';
import {OTHER_CA, kubeconfigText, writeLabKubeconfig} from './lab-identity';

const FAKE_BIN = path.join(FIXTURES, 'fake-bin');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-probe-'));
const kubeconfig = writeLabKubeconfig(path.join(tmp, 'kubeconfig'));

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

  test('the lab context pointing at another server and CA is refused before kubectl is asked, with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'look-alike-'));
    const lookAlike = writeLabKubeconfig(path.join(dir, 'kubeconfig'));
    fs.writeFileSync(lookAlike, kubeconfigText({server: 'https://127.0.0.1:2', ca: OTHER_CA}));
    const facts = await new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: lookAlike, labContext: 'kind-k8s-labs'}).probe();
    assert.equal(facts.clusterReady, false);
    assert.equal(clusterProblem(facts)?.code, ErrorCode.ForeignCluster);
    assert.equal(item(facts, ProbeItemId.Cluster).state, ProbeState.Skipped);
    const en = localizeProbe(facts, translator('en')).items.find((i) => i.id === ProbeItemId.Kubeconfig)!;
    assert.match(en.message!, /context "kind-k8s-labs" of the lab kubeconfig leads to a cluster that npm run cluster:up did not make \(https:\/\/127\.0\.0\.1:2 CA [0-9A-F:]+; recorded: https:\/\/127\.0\.0\.1:1 CA [0-9A-F:]+\)/);
    assert.equal(en.fix, 'npm run cluster:up');
    assert.match(localizeProbe(facts, translator('ko')).items.find((i) => i.id === ProbeItemId.Kubeconfig)!.message!, /npm run cluster:up이 만들지 않은 클러스터/);
  });

  test('a kubeconfig without the identity cluster:up records next to it is refused', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'unrecorded-'));
    const file = path.join(dir, 'kubeconfig');
    fs.writeFileSync(file, kubeconfigText());
    const facts = await new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: file, labContext: 'kind-k8s-labs'}).probe();
    assert.equal(clusterProblem(facts)?.code, ErrorCode.ClusterNotRecorded);
    assert.match(localizeProbe(facts, translator('en')).items.find((i) => i.id === ProbeItemId.Kubeconfig)!.message!, /identity\.json is missing/);
  });

  test('the same server answered by a cluster without cluster:up\'s marker id is refused', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'marker-'));
    const file = writeLabKubeconfig(path.join(dir, 'kubeconfig'), {markerId: 'ffffffffffffffffffffffffffffffff'});
    const facts = await new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: file, labContext: 'kind-k8s-labs'}).probe();
    assert.equal(item(facts, ProbeItemId.Kubeconfig).state, ProbeState.Ok);
    assert.equal(item(facts, ProbeItemId.Cluster).code, ErrorCode.ForeignCluster);
    assert.match(localizeProbe(facts, translator('en')).items.find((i) => i.id === ProbeItemId.Cluster)!.message!, /kube-system\/k8s-labs-identity 0123.*recorded: kube-system\/k8s-labs-identity ffff/);
  });

  test('a local lab needs the tools it lists, and says which is missing and how to install it', async () => {
    const none = await new EnvProbe({path: path.join(tmp, 'empty-bin'), kubeconfigPath: path.join(tmp, 'missing'), labContext: 'kind-k8s-labs'}).probe();
    assert.equal(labProblem(none, {requires: 'local', tools: []}), null, 'a lab that lists no tool runs anywhere');
    const kustomize = labProblem(none, {requires: 'local', tools: ['kubectl']});
    assert.equal(kustomize?.code, ErrorCode.NoKubectl);
    assert.equal(FIX_FOR[ErrorCode.NoKubectl], 'https://kubernetes.io/docs/tasks/tools/');
    assert.match(problemNote(translator('en'), ErrorCode.NoKubectl), /^This lab needs a tool this machine does not have: \[RUNNER_ERR_NO_KUBECTL\] kubectl is not installed/);
    assert.match(problemNote(translator('ko'), ErrorCode.NoKubectl), /^이 실습에 필요한 도구가 이 컴퓨터에 없습니다: \[RUNNER_ERR_NO_KUBECTL\]/);

    const present = await new EnvProbe({path: path.join(FAKE_BIN, 'good'), kubeconfigPath: path.join(tmp, 'missing'), labContext: 'kind-k8s-labs'}).probe();
    assert.equal(labProblem(present, {requires: 'local', tools: ['kubectl']}), null, 'a local lab needs no cluster');
    assert.equal(labProblem(present, {requires: 'cluster', tools: ['kubectl']})?.code, ErrorCode.NoCluster);
    const oldKind = await new EnvProbe({path: path.join(FAKE_BIN, 'old-kind'), kubeconfigPath: kubeconfig, labContext: 'kind-k8s-labs'}).probe();
    assert.equal(labProblem(oldKind, {requires: 'cluster', tools: ['docker', 'kubectl']})?.code, ErrorCode.DockerNotRunning, 'a lab that needs docker is refused without its daemon');
    assert.match(problemNote(translator('en'), ErrorCode.ClusterUnreachable), /^This lab needs the lab cluster, and it is not ready/);
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
