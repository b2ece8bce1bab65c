/**
 * The small parts of class mode: quantities, the sizing formula, links and the learners' CSV,
 * the state file's checks, the CLI's argument handling, the TLS certificate, and that every class
 * message exists in English and Korean.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {checkPair, fingerprint, selfSignedTls} from '../../runner/src/tls';
import {gatherLabs, main} from '../src/cli';
import {CLASS_MESSAGES} from '../src/i18n';
import {csvField, joinLink, learnersCsv, rosterLink} from '../src/links';
import {classNameProblem, learnerIds} from '../src/names';
import {cpuMillis, formatCpu, formatMemory, memoryBytes} from '../src/quantity';
import {QUOTA_FLOOR, sizeLab, workloadNeed} from '../src/sizing';
import {readState, writeState, type ClassState} from '../src/state';

const MI = 2 ** 20;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'k8slab-unit-'));

describe('quantities', () => {
  test('CPU and memory in every notation Kubernetes accepts', () => {
    assert.equal(cpuMillis('250m'), 250);
    assert.equal(cpuMillis('0.5'), 500);
    assert.equal(cpuMillis('2'), 2000);
    assert.equal(memoryBytes('1e3'), 1000);
    assert.throws(() => cpuMillis('1e3m'), /not a Kubernetes quantity/, 'an exponent and a suffix never go together');
    assert.equal(memoryBytes('128Mi'), 128 * MI);
    assert.equal(memoryBytes('1G'), 1e9);
    assert.equal(memoryBytes('1.5Gi'), 1.5 * 1024 * MI);
    assert.throws(() => cpuMillis('lots'), /"lots" is not a Kubernetes quantity/);
    assert.equal(formatCpu(1500), '1500m');
    assert.equal(formatCpu(2000), '2');
    assert.equal(formatMemory(1024 * MI), '1Gi');
    assert.equal(formatMemory(100 * MI + 1), '101Mi');
  });
});

describe('sizing from manifests', () => {
  function lab(yaml: string): string {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'app.yaml'), yaml);
    return dir;
  }

  test('a Deployment counts its replicas and a rolling update extra Pod; defaults fill missing requests', () => {
    const need = workloadNeed({
      kind: 'Deployment', metadata: {name: 'web'},
      spec: {replicas: 3, template: {spec: {containers: [{name: 'a', resources: {requests: {cpu: '100m', memory: '64Mi'}}}, {name: 'b'}]}}},
    })!;
    assert.equal(need.pods, 4);
    assert.equal(need.cpuMillis, 100 + 50);
    assert.equal(need.memoryBytes, 64 * MI + 64 * MI);
  });

  test('small labs get the floor; bigger ones twice their need, rounded', () => {
    const small = sizeLab('small', lab('kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox:1.36}]}\n'));
    assert.equal(small.quota.requestsCpu, '500m');
    assert.equal(small.quota.requestsMemory, '512Mi');
    assert.equal(small.quota.pods, QUOTA_FLOOR.pods);
    const big = sizeLab('big', lab('kind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 2\n  template: {spec: {containers: [{name: c, resources: {requests: {cpu: 300m, memory: 200Mi}}}]}}\n'));
    assert.equal(big.quota.requestsCpu, '1800m', '2 × 3 Pods × 300m');
    assert.equal(big.quota.limitsCpu, '7200m');
    assert.equal(big.quota.requestsMemory, '1216Mi', '2 × 600Mi, rounded up to 64Mi');
    assert.equal(big.overCap, null);
  });

  test('a container with a CPU request but no limit raises the default limit to its request', () => {
    const sized = sizeLab('x', lab('kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {requests: {cpu: 400m}}}]}\n'));
    assert.equal(sized.limitDefaults?.default.cpu, '400m');
  });

  test('a lab that brings its own ResourceQuota gets no LimitRange defaults, and its quota names', () => {
    const sized = sizeLab('q', lab('kind: ResourceQuota\nmetadata: {name: compute}\nspec: {hard: {pods: "4"}}\n'));
    assert.equal(sized.limitDefaults, null);
    assert.deepEqual(sized.ownQuotas, ['compute']);
  });

  test('over the cap: the lab is flagged with its need and the cap', () => {
    const sized = sizeLab('p', lab('kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, resources: {requests: {cpu: "250"}}}]}\n'));
    assert.deepEqual(sized.overCap, {needCpu: '250', needMemory: '64Mi', capCpu: '2', capMemory: '2Gi'});
  });
});

describe('names', () => {
  test('class names and learner ids', () => {
    assert.equal(classNameProblem('k8s-101'), null);
    assert.match(classNameProblem('K8s') ?? '', /must be/);
    assert.match(classNameProblem('a'.repeat(21)) ?? '', /must be/);
    assert.match(classNameProblem('1abc') ?? '', /start with a letter/);
    assert.deepEqual(learnerIds(3), ['l01', 'l02', 'l03']);
    assert.equal(learnerIds(100)[99], 'l100');
    assert.equal(learnerIds(100)[0], 'l001');
    assert.throws(() => learnerIds(0), /learners must be/);
  });
});

function sampleState(): ClassState {
  return {
    version: 1, name: 'k8s-101', createdAt: '2026-12-01T09:00:00.000Z', expiresAt: '2026-12-01T15:00:00.000Z', image: 'k8s-labs-toolbox:0.1.0',
    apiServer: {server: 'https://10.0.0.1:6443', caData: 'Q0E='}, runnerUrl: 'https://runner.example.test:7654', siteUrl: 'https://labs.example.test',
    labs: [{id: 'crashloop-configmap-key', requires: 'cluster'}], excluded: [], trainerToken: 'f'.repeat(64),
    learners: [{id: 'l01', home: 'k8s-101-l01', token: 'a'.repeat(64), kubeToken: 'eyJ.x.y', kubeTokenExpiresAt: '2026-12-01T15:00:00.000Z', namespaces: {'crashloop-configmap-key': 'k8s-101-l01-crashloop-configmap-key'}}],
  };
}

describe('links and the learners CSV', () => {
  test('the token and the runner travel in the fragment only', () => {
    const link = joinLink('https://labs.example.test/', 'crashloop-configmap-key', 'a'.repeat(64), 'https://runner.example.test:7654');
    const url = new URL(link);
    assert.equal(url.pathname, '/labs/crashloop-configmap-key');
    assert.equal(url.search, '');
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.equal(fragment.get('token'), 'a'.repeat(64));
    assert.equal(fragment.get('runner'), 'https://runner.example.test:7654');
    assert.equal(new URL(rosterLink('https://labs.example.test', 'b'.repeat(64), 'https://r:1')).pathname, '/class/roster');
  });

  test('one row per learner, RFC 4180 quoting', () => {
    const csv = learnersCsv(sampleState()).split('\r\n');
    assert.equal(csv[0], 'learner,home_namespace,join_link,expires_at,namespace_crashloop-configmap-key');
    assert.match(csv[1]!, /^l01,k8s-101-l01,https:\/\/labs\.example\.test\/labs\/crashloop-configmap-key#token=a{64}&runner=https%3A%2F%2Frunner\.example\.test%3A7654,2026-12-01T15:00:00\.000Z,k8s-101-l01-crashloop-configmap-key$/);
    assert.equal(csvField('a,"b"'), '"a,""b"""');
  });
});

describe('state file', () => {
  test('written 0600 and read back; a damaged one names the file and the field', () => {
    const file = path.join(tmp(), 'k8s-101', 'state.json');
    writeState(file, sampleState());
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readState(file), sampleState());
    const broken = {...sampleState(), learners: [{...sampleState().learners[0]!, token: 'short'}]};
    fs.writeFileSync(file, JSON.stringify(broken));
    assert.throws(() => readState(file), (e: Error) => e.message.startsWith(file) && /field "learners\.0\.token"/.test(e.message));
    assert.throws(() => readState(path.join(tmp(), 'none.json')), /no class state here/);
  });
});

describe('CLI', () => {
  test('--labs takes a list, however it is written', () => {
    assert.deepEqual(gatherLabs(['up', '--labs', 'a', 'b', '--name', 'x']), ['up', '--labs=a,b', '--name', 'x']);
    assert.deepEqual(gatherLabs(['up', '--labs', 'a,b']), ['up', '--labs=a,b']);
    assert.throws(() => gatherLabs(['up', '--labs', '--name', 'x']), /at least one lab id/);
  });

  test('usage errors exit 2 with the reason, in the trainer language', async () => {
    const lines: string[] = [];
    assert.equal(await main(['up', '--name', 'k8s-101'], {}, (l) => lines.push(l)), 2);
    assert.match(lines.join('\n'), /--labs is required/);
    lines.length = 0;
    assert.equal(await main(['frobnicate'], {LANG: 'ko_KR.UTF-8'}, (l) => lines.push(l)), 2);
    assert.match(lines.join('\n'), /알 수 없는 명령/);
    lines.length = 0;
    assert.equal(await main(['up', '--name', 'Bad_Name', '--labs', 'x', '--learners', '2', '--kubeconfig', '/none'], {}, (l) => lines.push(l)), 1);
    assert.match(lines.join('\n'), /--name: "Bad_Name" must be/);
  });
});

describe('TLS', () => {
  test('a self-signed certificate for the runner names, reused while it covers them', async () => {
    const dir = tmp();
    const notAfter = new Date(Date.now() + 2 * 86_400_000);
    const first = await selfSignedTls(dir, ['runner.example.test', '127.0.0.1'], notAfter);
    const x509 = new crypto.X509Certificate(first.cert);
    assert.ok(x509.checkHost('runner.example.test'));
    assert.ok(x509.checkIP('127.0.0.1'));
    assert.equal(first.fingerprint256, fingerprint(first.cert));
    assert.match(first.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(fs.statSync(path.join(dir, 'runner-key.pem')).mode & 0o777, 0o600);
    const again = await selfSignedTls(dir, ['runner.example.test'], notAfter);
    assert.equal(again.fingerprint256, first.fingerprint256, 'the fingerprint learners were told stays valid');
    const other = await selfSignedTls(dir, ['another.example.test'], notAfter);
    assert.notEqual(other.fingerprint256, first.fingerprint256);
  });

  test('a key that does not belong to the certificate is refused, naming the file', async () => {
    const a = await selfSignedTls(tmp(), ['a.example'], new Date(Date.now() + 86_400_000));
    const b = await selfSignedTls(tmp(), ['b.example'], new Date(Date.now() + 86_400_000));
    assert.throws(() => checkPair('/etc/runner.pem', a.cert, b.key), /\/etc\/runner\.pem: the key does not belong/);
    assert.throws(() => checkPair('/etc/runner.pem', a.cert, a.key, Date.now() + 10 * 86_400_000), /expired/);
  });
});

describe('class messages', () => {
  test('English and Korean have the same keys and placeholders, and Korean is Korean', () => {
    const flatten = (value: unknown, prefix = ''): Record<string, string> =>
      Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>((out, [k, v]) => {
        if (typeof v === 'string') out[`${prefix}${k}`] = v;
        else Object.assign(out, flatten(v, `${prefix}${k}.`));
        return out;
      }, {});
    const en = flatten(CLASS_MESSAGES.en);
    const ko = flatten(CLASS_MESSAGES.ko);
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(ko[key]!), placeholders(en[key]!), key);
      if (!/^\s*\{\{\w+\}\}\s*$/.test(en[key]!)) assert.match(ko[key]!, /[가-힣]/, `${key} is not Korean`);
    }
  });
});
