/**
 * What the reader is told to type works in the lab shell itself: `lab-cluster-up` runs the
 * checkout's `npm run cluster:up` with the reader's own environment, and kubectl without a lab
 * cluster says so once, in the session's language, instead of five connection errors. Real PTY,
 * real bash, real kubectl where one is installed.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {REPO_ROOT} from '../src/cli';
import {clusterUpEnv, shellQuote, shellRcText} from '../src/shell-rc';
import {startTestRunner, TestClient, waitUntil, type TestRunner} from './helpers';
import {writeLabKubeconfig} from './lab-identity';

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], {stdio: 'ignore', timeout: 10_000});
    return true;
  } catch {
    return false;
  }
})();

describe('the rc text', () => {
  test('quotes every value from outside, and passes on only the listed variables', () => {
    const text = shellRcText({
      labId: 'broken-file', historyFile: "/tmp/it's/history", noClusterMessageFile: '/tmp/m.txt',
      repoRoot: "/src/it's here", clusterUpEnv: {HOME: '/home/$(reboot)', NOT_LISTED: 'x'},
    });
    assert.match(text, /HISTFILE='\/tmp\/it'\\''s\/history'/);
    assert.match(text, /cd '\/src\/it'\\''s here' \|\| exit/);
    assert.match(text, /HOME='\/home\/\$\(reboot\)'/);
    assert.doesNotMatch(text, /NOT_LISTED/);
    assert.equal(shellQuote("a'b"), "'a'\\''b'");
    const syntax = execFileSync('bash', ['-n'], {input: text, encoding: 'utf8'});
    assert.equal(syntax, '', 'bash parses it');
  });

  test('lab-cluster-up gets HOME, Docker and proxy settings, nothing else of the runner', () => {
    const env = clusterUpEnv({HOME: '/home/r', DOCKER_HOST: 'unix:///x.sock', https_proxy: 'http://p:3128', RUNNER_TOKEN: 'secret', PATH: '/bin'});
    assert.deepEqual(env, {HOME: '/home/r', DOCKER_HOST: 'unix:///x.sock', https_proxy: 'http://p:3128'});
  });
});

describe('kubectl and lab-cluster-up in the lab shell', () => {
  let tr: TestRunner;
  let fakeRoot: string;
  const savedDockerHost = process.env.DOCKER_HOST;
  before(async () => {
    // A stand-in checkout whose `npm run cluster:up` reports what it was started with.
    fakeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-checkout-'));
    fs.mkdirSync(path.join(fakeRoot, 'labs', 'cluster'), {recursive: true});
    fs.writeFileSync(path.join(fakeRoot, 'package.json'), JSON.stringify({name: 'stand-in', scripts: {'cluster:up': 'bash labs/cluster/up.sh'}}));
    fs.writeFileSync(
      path.join(fakeRoot, 'labs', 'cluster', 'up.sh'),
      'echo "UP pwd=$PWD home=$HOME kubeconfig=${KUBECONFIG-unset} docker=${DOCKER_HOST-unset}"\n',
    );
    process.env.DOCKER_HOST = 'unix:///run/stand-in-docker.sock';
    tr = await startTestRunner({repoRoot: fakeRoot});
  });
  after(async () => {
    if (savedDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedDockerHost;
    await tr.close();
    fs.rmSync(fakeRoot, {recursive: true, force: true});
  });

  test('in a local lab, kubectl get pods says once that there is no cluster, in the session language', async () => {
    for (const [locale, expected] of [['en', /this is a local lab, with no cluster/], ['ko', /로컬 실습이라 연결할 클러스터가 없습니다/]] as const) {
      const client = await TestClient.start(tr, 'broken-file', {locale});
      const count = (text: string): number => [...text.matchAll(new RegExp(expected.source, 'g'))].length;
      const out = await client.run('kubectl get pods; echo "rc=$?"');
      assert.equal(count(out), 1, 'said once');
      assert.match(out, /\nrc=1\r\n/);
      assert.doesNotMatch(out, /localhost:8080|memcache/);
      assert.equal(count(await client.run('k get pods')), 1, 'the k alias too');
      await client.close();
    }
  });

  test('kubectl work on files needs no cluster: kustomize, create --dry-run=client, version --client', {skip: !hasKubectl && 'kubectl is not installed'}, async () => {
    const client = await TestClient.start(tr);
    await client.run("printf 'resources:\\n- app.yaml\\n' > manifests/kustomization.yaml");
    assert.match(await client.run('kubectl kustomize manifests'), /kind: ConfigMap/);
    assert.match(await client.run('kubectl -n demo create configmap c --from-literal=a=b --dry-run=client -o yaml'), /name: c/);
    assert.match(await client.run('kubectl version --client'), /Client Version/);
    await client.close();
  });

  test('in a cluster lab without a cluster, the terminal and kubectl name lab-cluster-up, which runs cluster:up in the checkout', async () => {
    const client = await TestClient.start(tr, 'cluster-lab');
    await client.waitForText('To fix, type here: lab-cluster-up');
    assert.ok(client.text.includes(`npm run cluster:up in ${fakeRoot}`));
    const out = await client.run('kubectl get pods');
    assert.match(out, /there is no lab cluster yet.*Type lab-cluster-up here/s);
    const up = await client.run('lab-cluster-up', 30_000);
    assert.ok(
      up.includes(`UP pwd=${fakeRoot} home=${process.env.HOME} kubeconfig=unset docker=unix:///run/stand-in-docker.sock`),
      `lab-cluster-up ran in the checkout with the reader's environment: ${up}`,
    );
    assert.match(await client.run('echo "${DOCKER_HOST-none} $HOME"'), /\rnone \/\S+\/work\r\n/, 'the shell keeps its own environment');
    await client.close();
  });

  test('once the lab kubeconfig appears, the session kubeconfig follows and kubectl is let through', async () => {
    const client = await TestClient.start(tr, 'cluster-lab');
    assert.match(await client.run('test -s "$KUBECONFIG" && echo has || echo empty'), /\rempty\r\n/);
    // As cluster:up leaves it: the kubeconfig and, next to it, the identity of the cluster it made.
    writeLabKubeconfig(path.join(tr.tmp, 'no-such-kubeconfig'));
    await waitUntil(async () => /\rhas\r\n/.test(await client.run('test -s "$KUBECONFIG" && echo has || echo empty')), 'the session kubeconfig', 15_000, 200);
    assert.match(await client.run('type kubectl | head -1; grep -c current-context "$KUBECONFIG"'), /\n1\r\n/);
    await client.close();
    fs.rmSync(path.join(tr.tmp, 'no-such-kubeconfig'));
    fs.rmSync(path.join(tr.tmp, 'identity.json'), {force: true});
  });
});

test('the real checkout has the cluster:up script lab-cluster-up runs', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {scripts: Record<string, string>};
  assert.ok(pkg.scripts['cluster:up'], 'npm run cluster:up exists');
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'labs', 'cluster', 'up.sh')), 'and the script it falls back to');
});
