/**
 * labs/lib/verify-plan.ts and lab-cluster.ts, the logic of `npm run labs:verify`, against a
 * stand-in cluster (tests/labs/fake-tools/kubectl-cluster): small labs written here show that
 * verify fails for the right reasons (a guard that passes a shortcut, a check that prints the
 * wrong code, a cleanup that breaks after a shortcut, a taint left behind, a look-alike cluster),
 * and the real namespace-stuck-finalizer lab shows its cleanup works from every state.
 *
 *   node --import tsx --test tests/labs/verify-plan.test.ts
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {identityOf, writeIdentity} from '../../labs/lib/cluster-identity';
import {labCluster, labClusterProblem, type LabCluster} from '../../labs/lib/lab-cluster';
import {loadLab, type Lab} from '../../labs/lib/lab-schema';
import {planRounds, verifyLab, type VerifyRow} from '../../labs/lib/verify-plan';
import {ROOT, SCENARIOS_DIR} from './lab-files';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-plan-'));
after(() => fs.rmSync(scratch, {recursive: true, force: true}));

const FAKE_TOOLS = path.join(import.meta.dirname, 'fake-tools');
const LAB_CA = path.join(import.meta.dirname, 'fixtures/certs/lab-ca.crt');
const OTHER_CA = path.join(import.meta.dirname, 'fixtures/certs/other-ca.crt');
const MARKER_ID = '0123456789abcdef0123456789abcdef';

/** PATH: the stand-in kubectl and sleep, then the system's commands without the real kubectl. */
const TOOL_PATH = (() => {
  const fakes = path.join(scratch, 'fake-bin');
  const system = path.join(scratch, 'system-bin');
  fs.mkdirSync(fakes);
  fs.mkdirSync(system);
  fs.symlinkSync(path.join(FAKE_TOOLS, 'kubectl-cluster'), path.join(fakes, 'kubectl'));
  fs.symlinkSync(path.join(FAKE_TOOLS, 'sleep'), path.join(fakes, 'sleep'));
  for (const source of [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin']) {
    if (!fs.existsSync(source)) continue;
    for (const name of fs.readdirSync(source)) {
      if (name === 'kubectl' || fs.existsSync(path.join(system, name))) continue;
      fs.symlinkSync(path.join(source, name), path.join(system, name));
    }
  }
  return `${fakes}:${system}`;
})();

function kubeconfigText(server: string, caFile: string): string {
  return [
    'apiVersion: v1', 'kind: Config', 'current-context: kind-k8s-labs',
    'clusters:', '- name: kind-k8s-labs', '  cluster:', `    server: ${server}`, `    certificate-authority-data: ${fs.readFileSync(caFile).toString('base64')}`,
    'contexts:', '- name: kind-k8s-labs', '  context: {cluster: kind-k8s-labs, user: kind-k8s-labs}',
    'users:', '- name: kind-k8s-labs', '  user: {token: not-a-real-token}', '',
  ].join('\n');
}

let clusters = 0;
/** A fresh stand-in cluster made by "cluster:up": three nodes, the marker, the recorded identity. */
function fakeCluster(options: {markerId?: string} = {}) {
  const dir = path.join(scratch, `cluster-${++clusters}`);
  fs.mkdirSync(path.join(dir, 'home'), {recursive: true});
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, kubeconfigText('https://127.0.0.1:40443', LAB_CA));
  writeIdentity(kubeconfig, identityOf(kubeconfig, 'kind-k8s-labs', MARKER_ID));
  const node = (name: string, controlPlane = false) => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: {name, labels: {'kubernetes.io/hostname': name, ...(controlPlane ? {'node-role.kubernetes.io/control-plane': ''} : {})}},
    spec: controlPlane ? {taints: [{key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule'}]} : {},
  });
  const namespace = (name: string) => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name}, status: {phase: 'Active'}});
  fs.writeFileSync(path.join(dir, 'fake-cluster.json'), JSON.stringify({
    objects: [
      namespace('default'), namespace('kube-system'),
      node('k8s-labs-control-plane', true), node('k8s-labs-worker'), node('k8s-labs-worker2'),
      {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'k8s-labs-identity', namespace: 'kube-system'}, data: {id: options.markerId ?? MARKER_ID}},
    ],
  }));
  const cluster = labCluster({kubeconfig, path: TOOL_PATH, home: path.join(dir, 'home')});
  const calls = () => (fs.existsSync(path.join(dir, 'calls.log')) ? fs.readFileSync(path.join(dir, 'calls.log'), 'utf8').split('\n').filter(Boolean) : []);
  return {dir, kubeconfig, cluster, calls};
}

const LAB_YAML = (id: string) => `id: ${id}
title: {en: Fix the setting, ko: 설정 고치기}
summary: {en: A test lab., ko: 시험용 실습입니다.}
requires: cluster
scope: cluster
tools: [kubectl]
timeouts: {setup: 20, check: 20, solution: 20, cleanup: 20}
tasks:
  - id: fix
    title: {en: Fix it, ko: 고치기}
    check: checks/fixed.sh
    expect: NOT_FIXED
    guard: checks/kept.sh
    shortcuts: [shortcuts/remove-setting.sh]
    hints: [look]
  - id: confirm
    title: {en: Confirm it, ko: 확인하기}
    check: checks/confirmed.sh
    expect: NOT_CONFIRMED
    needs: [fix]
    hints: [look]
hints:
  look: {en: Look at the ConfigMap., ko: ConfigMap을 보세요.}
failures:
  NOT_FIXED: {en: Still broken., ko: 아직 고장입니다.}
  NOT_CONFIRMED: {en: Not confirmed., ko: 확인되지 않았습니다.}
  SETTING_REMOVED: {en: The setting is gone., ko: 설정이 없어졌습니다.}
  WRONG_CODE: {en: Some other failure., ko: 다른 실패입니다.}
solution: {en: Set mode to fixed., ko: mode를 fixed로 바꿉니다.}
`;

/** The scripts of a well-behaved lab: a ConfigMap to fix and a worker taint, both cleaned up. */
const GOOD_SCRIPTS: Record<string, string> = {
  'setup.sh': `kubectl create namespace "$LAB_NAMESPACE" >/dev/null 2>&1 || true
kubectl label namespace "$LAB_NAMESPACE" lab="$LAB_ID" --overwrite >/dev/null
kubectl -n "$LAB_NAMESPACE" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: setting
  labels: {lab: $LAB_ID}
data: {mode: broken}
YAML
kubectl taint nodes k8s-labs-worker "lab.k8s/$LAB_NAMESPACE=reserved:NoSchedule" >/dev/null
echo "ready: the setting is broken"`,
  'checks/fixed.sh': `mode="$(kubectl -n "$LAB_NAMESPACE" get configmap setting -o jsonpath='{.data.mode}' 2>/dev/null || true)"
[[ "$mode" != broken ]] || { echo NOT_FIXED; exit 1; }`,
  'checks/kept.sh': `kubectl -n "$LAB_NAMESPACE" get configmap setting >/dev/null 2>&1 || { echo SETTING_REMOVED; exit 1; }`,
  'checks/confirmed.sh': `[[ "$(kubectl -n "$LAB_NAMESPACE" get configmap setting -o jsonpath='{.data.mode}' 2>/dev/null || true)" == fixed ]] || { echo NOT_CONFIRMED; exit 1; }`,
  'solution.sh': `kubectl -n "$LAB_NAMESPACE" patch configmap setting --type=merge -p '{"data":{"mode":"fixed"}}'`,
  'shortcuts/remove-setting.sh': `kubectl -n "$LAB_NAMESPACE" delete configmap setting >/dev/null`,
  'cleanup.sh': `kubectl taint nodes k8s-labs-worker "lab.k8s/$LAB_NAMESPACE-" >/dev/null
kubectl delete namespace "$LAB_NAMESPACE" --ignore-not-found >/dev/null
echo "cleaned"`,
};

let labs = 0;
/** Writes a lab folder (the good scripts, some replaced) and loads it. */
function makeLab(replace: Record<string, string> = {}): {id: string; dir: string; lab: Lab} {
  const id = `verify-demo-${++labs}`;
  const dir = path.join(scratch, 'scenarios', id);
  for (const [file, body] of Object.entries({...GOOD_SCRIPTS, ...replace})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
    fs.writeFileSync(path.join(dir, file), `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
  }
  fs.writeFileSync(path.join(dir, 'lab.yaml'), LAB_YAML(id));
  return {id, dir, lab: loadLab(path.join(dir, 'lab.yaml'))};
}

async function verify(lab: {id: string; dir: string; lab: Lab}, cluster: LabCluster): Promise<VerifyRow[]> {
  return verifyLab({id: lab.id, lab: lab.lab, labDir: lab.dir, cluster, scriptPath: TOOL_PATH, scratchParent: scratch, pollIntervalMs: 20, settleMs: 200});
}

const failed = (rows: VerifyRow[]) => rows.filter((row) => !row.ok).map((row) => `[${row.round}] ${row.step}: ${row.result}`);
const row = (rows: VerifyRow[], round: string, step: string) => {
  const found = rows.find((r) => r.round === round && r.step === step);
  assert.ok(found, `no row [${round}] ${step}; rows: ${rows.map((r) => `[${r.round}] ${r.step}`).join(', ')}`);
  return found;
};

describe('the plan', () => {
  test('solve first, then setup alone, then one round per shortcut', () => {
    const {lab} = makeLab();
    assert.deepEqual(planRounds(lab).map((round) => round.name), ['solve', 'setup only', 'shortcut remove-setting']);
  });
});

describe('verifyLab against a stand-in cluster', () => {
  test('a sound lab passes every round, and blocked tasks are reported as the runner does', async () => {
    const {cluster} = fakeCluster();
    const rows = await verify(makeLab(), cluster);
    assert.deepEqual(failed(rows), []);
    assert.equal(row(rows, 'solve', 'check fix (broken)').result, 'NOT_FIXED');
    assert.equal(row(rows, 'solve', 'check confirm (broken)').result, 'blocked: needs fix');
    assert.equal(row(rows, 'solve', 'guard fix').result, 'passed');
    assert.equal(row(rows, 'shortcut remove-setting', 'guard fix refuses it').result, 'SETTING_REMOVED');
    for (const round of ['solve', 'setup only', 'shortcut remove-setting']) assert.equal(row(rows, round, 'nothing left in the cluster').result, 'clean');
  });

  test('what an interrupted earlier run left (a taint named after the namespace) is cleaned first, not taken for the baseline', async () => {
    const {cluster, dir} = fakeCluster();
    const lab = makeLab();
    const file = path.join(dir, 'fake-cluster.json');
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as {objects: {kind: string; metadata: {name: string}; spec?: {taints?: unknown[]}}[]};
    const worker = state.objects.find((o) => o.kind === 'Node' && o.metadata.name === 'k8s-labs-worker')!;
    worker.spec = {taints: [{key: `lab.k8s/lab-${lab.id}`, value: 'reserved', effect: 'NoSchedule'}]};
    fs.writeFileSync(file, JSON.stringify(state));
    const rows = await verify(lab, cluster);
    assert.deepEqual(failed(rows), []);
    assert.equal(row(rows, 'before', 'cleanup of an earlier run').result, 'exit 0');
  });

  test('a guard that always passes fails the shortcut round', async () => {
    const {cluster} = fakeCluster();
    const rows = await verify(makeLab({'checks/kept.sh': 'exit 0'}), cluster);
    assert.deepEqual(failed(rows), ['[shortcut remove-setting] guard fix refuses it: passed (should fail)']);
  });

  test('a check that fails with another declared code than its expect fails', async () => {
    const {cluster} = fakeCluster();
    const rows = await verify(makeLab({'checks/fixed.sh': GOOD_SCRIPTS['checks/fixed.sh']!.replace('echo NOT_FIXED', 'echo WRONG_CODE')}), cluster);
    assert.deepEqual(failed(rows), ['[solve] check fix (broken): WRONG_CODE (expected NOT_FIXED)']);
  });

  test('a cleanup that fails after a shortcut fails that round', async () => {
    const {cluster} = fakeCluster();
    // Like the old namespace-stuck-finalizer cleanup: it changes an object the shortcut removed.
    const cleanup = `kubectl -n "$LAB_NAMESPACE" patch configmap setting --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null\n${GOOD_SCRIPTS['cleanup.sh']}`;
    const rows = await verify(makeLab({'cleanup.sh': cleanup}), cluster);
    assert.deepEqual(failed(rows), ['[shortcut remove-setting] cleanup: exit 1', '[shortcut remove-setting] nothing left in the cluster: 3 left']);
    assert.match(row(rows, 'shortcut remove-setting', 'cleanup').detail ?? '', /NotFound/);
  });

  test('a taint left behind on a node is found', async () => {
    const {cluster} = fakeCluster();
    const rows = await verify(makeLab({'cleanup.sh': 'kubectl delete namespace "$LAB_NAMESPACE" --ignore-not-found >/dev/null'}), cluster);
    assert.deepEqual(failed(rows), ['[solve] nothing left in the cluster: 1 left']);
    assert.match(row(rows, 'solve', 'nothing left in the cluster').detail ?? '', /^node k8s-labs-worker: taint lab\.k8s\/lab-verify-demo-\d+=reserved:NoSchedule added$/);
  });

  test('labelled, unlabelled and cluster-scoped leftovers are found', async () => {
    const {cluster} = fakeCluster();
    const setup = `${GOOD_SCRIPTS['setup.sh']}
kubectl create namespace "$LAB_NAMESPACE-other" >/dev/null 2>&1 || true
kubectl -n "$LAB_NAMESPACE-other" create configmap unlabelled >/dev/null 2>&1 || true
kubectl apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: reader-made-by-hand
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: app, namespace: $LAB_NAMESPACE}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: $LAB_NAMESPACE-reader
rules: []
YAML`;
    const rows = await verify(makeLab({'setup.sh': setup}), cluster);
    const detail = row(rows, 'solve', 'nothing left in the cluster').detail ?? '';
    assert.match(detail, /^namespace lab-verify-demo-\d+-other$/m);
    assert.match(detail, /^configmap\/unlabelled stored in namespace lab-verify-demo-\d+-other$/m);
    assert.match(detail, /^ClusterRoleBinding reader-made-by-hand \(binds a subject of a lab namespace\)$/m);
    assert.match(detail, /^ClusterRole lab-verify-demo-\d+-reader \(named after lab-verify-demo-\d+\)$/m);
  });

  test('verify runs kubectl with the HOME it was given (a folder of its own), nothing else of its environment', () => {
    const {cluster, dir} = fakeCluster();
    const home = path.join(dir, 'private-home');
    fs.mkdirSync(path.join(dir, 'env-bin'));
    fs.writeFileSync(path.join(dir, 'env-bin', 'kubectl'), '#!/usr/bin/env bash\nenv | cut -d= -f1 | sort | tr "\\n" " "; echo "$HOME"\n', {mode: 0o755});
    const probe = labCluster({kubeconfig: cluster.kubeconfig, path: `${path.join(dir, 'env-bin')}:${TOOL_PATH}`, home});
    const printed = probe.kubectl(['version']).stdout.trim();
    assert.ok(printed.endsWith(home), printed);
    assert.doesNotMatch(printed, /\bKUBECONFIG\b/, 'the caller\'s KUBECONFIG never reaches kubectl');
  });
});

describe('the lab cluster, recognised by more than its context name', () => {
  test('the cluster cluster:up recorded is accepted', () => {
    const {cluster} = fakeCluster();
    assert.equal(labClusterProblem(cluster, 'kubeconfig'), undefined);
  });

  test('the right context name pointing at another server and CA is refused before kubectl runs', () => {
    const {cluster, kubeconfig, calls} = fakeCluster();
    fs.writeFileSync(kubeconfig, kubeconfigText('https://127.0.0.1:40444', OTHER_CA));
    const problem = labClusterProblem(cluster, 'kubeconfig') ?? '';
    assert.match(problem, /the context kind-k8s-labs in \S+ is not the lab cluster npm run cluster:up made: it leads to https:\/\/127\.0\.0\.1:40444 \(CA [0-9A-F:]+\), the lab cluster is https:\/\/127\.0\.0\.1:40443/);
    assert.deepEqual(calls(), [], 'no kubectl call reaches a cluster that is not the lab cluster');
  });

  test('a kubeconfig with no recorded identity next to it is refused', () => {
    const {cluster, dir} = fakeCluster();
    fs.rmSync(path.join(dir, 'identity.json'));
    assert.match(labClusterProblem(cluster, 'kubeconfig') ?? '', /there is no record of the cluster npm run cluster:up made/);
  });

  test('the same address answered by a cluster without the marker id is refused', () => {
    const {cluster} = fakeCluster({markerId: 'ffffffffffffffffffffffffffffffff'});
    assert.match(labClusterProblem(cluster, 'kubeconfig') ?? '', /carries another id in kube-system\/k8s-labs-identity \(ffff/);
  });
});

describe('namespace-stuck-finalizer on the stand-in cluster', () => {
  test('cleanup works from every state: after setup, after the solution, after forcing the namespace away', async () => {
    const {cluster} = fakeCluster();
    const id = 'namespace-stuck-finalizer';
    const lab = loadLab(path.join(SCENARIOS_DIR, id, 'lab.yaml'));
    const rows = await verifyLab({id, lab, labDir: path.join(SCENARIOS_DIR, id), cluster, scriptPath: TOOL_PATH, scratchParent: scratch, pollIntervalMs: 20, settleMs: 200});
    assert.deepEqual(failed(rows), []);
    assert.equal(row(rows, 'shortcut force-finalize', 'guard release-namespace refuses it').result, 'OBJECTS_LEFT_BEHIND');
    assert.equal(row(rows, 'shortcut force-finalize', 'nothing left in the cluster').result, 'clean');
  });
});

describe('npm run labs:verify', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'labs/verify.ts', ...args], {cwd: ROOT, encoding: 'utf8', timeout: 60_000});

  test('without a lab cluster it says so, names the fix and exits 1', () => {
    const result = cli(['--kubeconfig', path.join(scratch, 'no-such-kubeconfig'), '--lab', 'crashloop-configmap-key']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^No lab cluster: there is no lab cluster kubeconfig at \S+no-such-kubeconfig\.$/m);
    assert.match(result.stderr, /^ {2}npm run cluster:up$/m);
  });

  test('with a look-alike cluster it refuses and names the fix', () => {
    const {kubeconfig} = fakeCluster();
    fs.writeFileSync(kubeconfig, kubeconfigText('https://127.0.0.1:40444', OTHER_CA));
    const result = cli(['--kubeconfig', kubeconfig, '--lab', 'crashloop-configmap-key']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /No lab cluster: the context kind-k8s-labs in \S+ is not the lab cluster npm run cluster:up made/);
    assert.match(result.stdout, /crashloop-configmap-key \(cluster\) — skipped: no lab cluster/);
  });
});
