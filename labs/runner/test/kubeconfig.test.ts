import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {parse} from 'yaml';
import {identityOf, writeIdentity} from '../../lib/cluster-identity';
import {readLabKubeconfig, sessionKubeconfigText, writeSessionKubeconfig} from '../src/kubeconfig';
import {ErrorCode} from '../src/protocol';
import {LAB_CA, OTHER_CA} from './lab-identity';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-kubeconfig-'));
const KIND_STYLE = `apiVersion: v1
kind: Config
current-context: kind-k8s-labs
preferences: {}
clusters:
- name: kind-k8s-labs
  cluster:
    server: https://127.0.0.1:40000
    certificate-authority: certs/ca.crt
- name: prod
  cluster:
    server: https://prod.example:6443
contexts:
- name: kind-k8s-labs
  context: {cluster: kind-k8s-labs, user: kind-k8s-labs}
- name: prod
  context: {cluster: prod, user: admin}
users:
- name: kind-k8s-labs
  user: {client-certificate: certs/client.crt, client-key: /abs/client.key}
- name: admin
  user: {token: prod-secret}
`;

fs.mkdirSync(path.join(tmp, 'certs'));
fs.copyFileSync(LAB_CA, path.join(tmp, 'certs/ca.crt'));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

// What cluster:up records for the kind-style kubeconfig above; every kubeconfig in tmp shares it.
writeIdentity(write('recorded', KIND_STYLE), identityOf(path.join(tmp, 'recorded'), 'kind-k8s-labs', 'f'.repeat(32)));

describe('lab kubeconfig', () => {
  after(() => fs.rmSync(tmp, {recursive: true, force: true}));

  test('keeps only the lab context, its cluster and user, with paths made absolute', () => {
    const result = readLabKubeconfig(write('kind', KIND_STYLE), 'kind-k8s-labs');
    assert.ok(result.ok);
    const text = sessionKubeconfigText(result, 'lab-crashloop');
    assert.ok(!text.includes('prod'), 'other clusters and their credentials are dropped');
    const doc = parse(text);
    assert.equal(doc['current-context'], 'kind-k8s-labs');
    assert.deepEqual(doc.contexts, [{name: 'kind-k8s-labs', context: {cluster: 'kind-k8s-labs', user: 'kind-k8s-labs', namespace: 'lab-crashloop'}}]);
    assert.equal(doc.clusters[0].cluster['certificate-authority'], path.join(tmp, 'certs/ca.crt'));
    assert.equal(doc.users[0].user['client-certificate'], path.join(tmp, 'certs/client.crt'));
    assert.equal(doc.users[0].user['client-key'], '/abs/client.key');
  });

  test('a missing file means no cluster yet', () => {
    const result = readLabKubeconfig(path.join(tmp, 'absent'), 'kind-k8s-labs');
    assert.ok(!result.ok && result.code === ErrorCode.NoCluster);
  });

  test('another current context is refused, even if the lab context is in the file', () => {
    const result = readLabKubeconfig(write('prod', KIND_STYLE.replace('current-context: kind-k8s-labs', 'current-context: prod')), 'kind-k8s-labs');
    assert.ok(!result.ok && result.code === ErrorCode.NotLabCluster && result.context === 'prod');
  });

  test('the lab context leading to another server or CA than cluster:up recorded is refused', () => {
    const otherServer = readLabKubeconfig(write('server', KIND_STYLE.replace(':40000', ':40001')), 'kind-k8s-labs');
    assert.ok(!otherServer.ok && otherServer.code === ErrorCode.ForeignCluster);
    assert.match(otherServer.values?.found ?? '', /^https:\/\/127\.0\.0\.1:40001 CA /);
    assert.match(otherServer.values?.recorded ?? '', /^https:\/\/127\.0\.0\.1:40000 CA /);
    fs.copyFileSync(OTHER_CA, path.join(tmp, 'certs/other.crt'));
    const otherCa = readLabKubeconfig(write('ca', KIND_STYLE.replace('certs/ca.crt', 'certs/other.crt')), 'kind-k8s-labs');
    assert.ok(!otherCa.ok && otherCa.code === ErrorCode.ForeignCluster);
    const noCa = readLabKubeconfig(write('no-ca', KIND_STYLE.replace('    certificate-authority: certs/ca.crt\n', '    insecure-skip-tls-verify: true\n')), 'kind-k8s-labs');
    assert.ok(!noCa.ok && noCa.code === ErrorCode.ForeignCluster, 'a context that checks no CA cannot be recognised');
  });

  test('with no identity recorded next to it, the kubeconfig is refused', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bare-'));
    fs.mkdirSync(path.join(dir, 'certs'));
    fs.copyFileSync(LAB_CA, path.join(dir, 'certs/ca.crt'));
    fs.writeFileSync(path.join(dir, 'kubeconfig'), KIND_STYLE);
    const result = readLabKubeconfig(path.join(dir, 'kubeconfig'), 'kind-k8s-labs');
    assert.ok(!result.ok && result.code === ErrorCode.ClusterNotRecorded);
    assert.equal(result.values?.file, path.join(dir, 'identity.json'));
  });

  test('broken YAML and dangling names are refused', () => {
    assert.equal(readLabKubeconfig(write('bad', 'clusters: [\n'), 'kind-k8s-labs').ok, false);
    assert.equal(readLabKubeconfig(write('list', '- a\n- b\n'), 'kind-k8s-labs').ok, false);
    const dangling = KIND_STYLE.replace('user: kind-k8s-labs}', 'user: nobody}');
    assert.equal(readLabKubeconfig(write('dangling', dangling), 'kind-k8s-labs').ok, false);
  });

  test('sessions without a lab cluster get an empty kubeconfig, readable only by the user', () => {
    assert.equal(sessionKubeconfigText(null, 'lab-x'), '');
    const file = path.join(tmp, 'session');
    writeSessionKubeconfig(file, '');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });
});
