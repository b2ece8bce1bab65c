/**
 * labs/cluster/{up,down,status}.sh against stand-ins for docker, kind and kubectl, so their logic
 * is tested on machines without Docker: what they check, which commands they run and in which
 * order, what they write and what they say. The real thing runs where Docker and kind exist
 * (`npm run cluster:up && npm run labs:verify`).
 *
 * The scripts are copied into a scratch repository so nothing is written to this one's
 * .lab-cluster/.
 *
 *   node --import tsx --test tests/labs/cluster-scripts.test.ts
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, beforeEach, describe, test} from 'node:test';
import {ROOT} from './lab-files';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-scripts-'));
after(() => fs.rmSync(scratch, {recursive: true, force: true}));

const repo = path.join(scratch, 'repo');
const bin = path.join(scratch, 'bin');
const state = path.join(scratch, 'state');
const log = path.join(state, 'calls.log');

/** Stand-ins for docker, kind and kubectl: each appends its argv to calls.log in FAKE_STATE and
 * keeps what it "made" (clusters, pulled and loaded images) as files there. */
const FAKE_TOOLS = path.join(import.meta.dirname, 'fake-tools');

function prepare(): void {
  fs.rmSync(repo, {recursive: true, force: true});
  fs.rmSync(bin, {recursive: true, force: true});
  fs.rmSync(state, {recursive: true, force: true});
  fs.mkdirSync(path.join(repo, 'labs/scenarios/demo'), {recursive: true});
  fs.cpSync(path.join(ROOT, 'labs/cluster'), path.join(repo, 'labs/cluster'), {recursive: true});
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  fs.writeFileSync(path.join(repo, 'labs/scenarios/demo/lab.yaml'), 'id: demo\nimages: [nginx:1.27, busybox:1.36]\n');
  fs.mkdirSync(bin);
  fs.mkdirSync(state);
  for (const name of ['docker', 'kind', 'kubectl']) fs.copyFileSync(path.join(FAKE_TOOLS, name), path.join(bin, name));
  for (const name of ['docker', 'kind', 'kubectl']) fs.chmodSync(path.join(bin, name), 0o755);
}

/**
 * The system's commands (bash, sed, awk, node ...) without any real docker, kind or kubectl, so a
 * "missing tool" test means missing on every machine.
 */
function systemBin(): string {
  const dir = path.join(scratch, 'system-bin');
  if (fs.existsSync(dir)) return dir;
  fs.mkdirSync(dir);
  const sources = [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'];
  for (const source of sources) {
    if (!fs.existsSync(source)) continue;
    for (const name of fs.readdirSync(source)) {
      if (['docker', 'kind', 'kubectl'].includes(name) || fs.existsSync(path.join(dir, name))) continue;
      fs.symlinkSync(path.join(source, name), path.join(dir, name));
    }
  }
  return dir;
}

function run(script: 'up' | 'down' | 'status', env: Record<string, string> = {}, tools = ['docker', 'kind', 'kubectl']) {
  // Only the chosen stand-ins are on PATH, plus the system tools the scripts use (bash, sed, ...).
  const toolBin = path.join(scratch, `bin-${tools.join('-') || 'none'}`);
  fs.rmSync(toolBin, {recursive: true, force: true});
  fs.mkdirSync(toolBin);
  for (const tool of tools) fs.symlinkSync(path.join(bin, tool), path.join(toolBin, tool));
  const result = spawnSync('bash', [path.join(repo, `labs/cluster/${script}.sh`)], {
    cwd: repo,
    encoding: 'utf8',
    env: {PATH: `${toolBin}:${systemBin()}`, HOME: scratch, FAKE_STATE: state, ...env},
    timeout: 30_000,
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
  fs.rmSync(log, {force: true});
  return {code: result.status, out: `${result.stdout}${result.stderr}`, calls};
}

const kubeconfigFile = () => path.join(repo, '.lab-cluster/kubeconfig');

describe('cluster scripts with stand-in tools', () => {
  beforeEach(prepare);

  test('up.sh names every missing tool with how to install it, and stops', () => {
    const result = run('up', {FAKE_DOCKER_DAEMON: 'down'}, ['docker', 'kubectl']);
    assert.equal(result.code, 1, result.out);
    assert.match(result.out, /MISSING\s+docker daemon is not reachable/);
    assert.match(result.out, /sudo systemctl start docker/);
    assert.match(result.out, /MISSING\s+kind\n.*go install sigs\.k8s\.io\/kind@v0\.27\.0/);
    assert.ok(!result.calls.some((call) => call.startsWith('kind create')), 'nothing is created when a tool is missing');
  });

  test('up.sh refuses kind older than v0.24.0', () => {
    const result = run('up', {FAKE_KIND_VERSION: '0.23.0'});
    assert.equal(result.code, 1, result.out);
    assert.match(result.out, /kind >= v0\.24\.0 \(found v0\.23\.0/);
  });

  test('up.sh creates the cluster once, writes the kubeconfig and preloads the lab images', () => {
    const first = run('up');
    assert.equal(first.code, 0, first.out);
    const create = first.calls.filter((call) => call.startsWith('kind create cluster'));
    assert.equal(create.length, 1);
    assert.match(create[0], /--name k8s-labs --config \S+\/labs\/cluster\/kind-config\.yaml --kubeconfig \S+\/\.lab-cluster\/kubeconfig --wait 120s/);
    assert.match(fs.readFileSync(kubeconfigFile(), 'utf8'), /^current-context: kind-k8s-labs$/m);
    assert.equal(fs.statSync(kubeconfigFile()).mode & 0o777, 0o600, 'the kubeconfig holds credentials: 0600');
    for (const image of ['busybox:1.36', 'nginx:1.27']) {
      assert.ok(first.calls.includes(`docker pull --quiet ${image}`), `pulls ${image}`);
      assert.ok(first.calls.includes(`kind load docker-image ${image} --name k8s-labs`), `loads ${image}`);
    }

    const second = run('up');
    assert.equal(second.code, 0, second.out);
    assert.ok(!second.calls.some((call) => call.startsWith('kind create')), 'an existing cluster is kept');
    assert.ok(!second.calls.some((call) => call.startsWith('docker pull')), 'images already on the machine are not pulled again');
    assert.match(second.out, /exists; keeping it/);
  });

  test('up.sh preloads the add-ons\' images, then applies the add-ons and waits for the metrics API', () => {
    const result = run('up');
    assert.equal(result.code, 0, result.out);
    const image = 'registry.k8s.io/metrics-server/metrics-server:v0.7.2';
    const load = result.calls.indexOf(`kind load docker-image ${image} --name k8s-labs`);
    const apply = result.calls.findIndex((call) => /^kubectl .* apply -f \S+\/labs\/cluster\/addons\/metrics-server\.yaml$/.test(call));
    const wait = result.calls.findIndex((call) => /^kubectl .* wait --for=condition=Available apiservice\/v1beta1\.metrics\.k8s\.io /.test(call));
    assert.ok(load >= 0, `loads ${image}`);
    assert.ok(apply > load, 'applies metrics-server after its image is on the nodes');
    assert.ok(wait > apply, 'waits for the metrics API after applying');
    assert.match(result.out, /ok\s+metrics-server is serving the metrics API/);
  });

  test('up.sh falls back to a single-platform archive when kind load docker-image fails', () => {
    const result = run('up', {FAKE_KIND_LOAD_FAILS: '1'});
    assert.equal(result.code, 0, result.out);
    assert.ok(result.calls.some((call) => /^docker image save --platform linux\/amd64 --output \S+ nginx:1\.27$/.test(call)));
    assert.ok(result.calls.some((call) => /^kind load image-archive \S+ --name k8s-labs$/.test(call)));
  });

  test('status.sh says what is missing and exits non-zero until the cluster is up', () => {
    const before = run('status');
    assert.equal(before.code, 1, before.out);
    assert.match(before.out, /MISSING\s+kind cluster k8s-labs\n.*npm run cluster:up/);

    assert.equal(run('up').code, 0);
    const ready = run('status');
    assert.equal(ready.code, 0, ready.out);
    assert.match(ready.out, /3 nodes Ready/);
    assert.match(ready.out, /nginx:1\.27 on every node/);
    assert.match(ready.out, /Ready for the cluster labs\./);

    fs.rmSync(kubeconfigFile());
    const noKubeconfig = run('status');
    assert.equal(noKubeconfig.code, 1);
    assert.match(noKubeconfig.out, /MISSING\s+kubeconfig \.lab-cluster\/kubeconfig/);
  });

  test('down.sh deletes only the lab cluster and its kubeconfig, and can run twice', () => {
    assert.equal(run('up').code, 0);
    const down = run('down');
    assert.equal(down.code, 0, down.out);
    assert.ok(down.calls.some((call) => /^kind delete cluster --name k8s-labs /.test(call)));
    assert.ok(!fs.existsSync(kubeconfigFile()));
    const again = run('down');
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /nothing to delete/);
  });
});
