/** Pod rules on real describe, get and status output. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {POD_RULES} from '../../src/finder/rules/pod';
import * as D from './fixtures/find-dumps';
import {findingsOf, pointed} from './fixtures/find-rule-kit';

test('an OOM-killed container is named with its exit code and restarts, in both languages', () => {
  const [first] = findingsOf(D.DESCRIBE_POD_OOM, POD_RULES);
  assert.equal(first.rule, 'pod/oom-killed');
  assert.equal(first.page, 'oomkilled');
  assert.equal(first.text.en, 'Container api was killed for exceeding its memory limit (exit 137, OOMKilled), 4 restarts');
  assert.equal(first.text.ko, 'api 컨테이너가 메모리 limit을 넘어 종료되었습니다(exit 137, OOMKilled). 재시작 4회.');
  assert.deepEqual(pointed(first), ['OOMKilled', '137']);
  assert.equal(first.subject, 'Pod api-5f7c9b8d4-qw2er');
});

test('OOM from -o yaml status and from a lone Reason line', () => {
  assert.equal(findingsOf(D.YAML_STATUS_OOM, POD_RULES)[0].text.en, 'Container indexer was killed for exceeding its memory limit (exit 137, OOMKilled), 6 restarts');
  assert.equal(findingsOf('      Reason:       OOMKilled', POD_RULES)[0].page, 'oomkilled');
  assert.equal(findingsOf('Last State: Terminated Reason: OOMKilled Exit Code: 137', POD_RULES)[0].rule, 'pod/oom-killed');
});

test('CrashLoopBackOff names the last exit code and the restarts; OOM outranks it', () => {
  const [first] = findingsOf(D.DESCRIBE_POD_CRASHLOOP, POD_RULES);
  assert.equal(first.rule, 'pod/crash-loop');
  assert.equal(first.text.en, 'Container app is in CrashLoopBackOff: its last run ended with exit code 1 (Error), 7 restarts');
  assert.match(first.text.ko, /app 컨테이너가 CrashLoopBackOff 상태입니다\. 마지막 실행은 exit code 1\(Error\)로 끝났습니다\. 재시작 7회\./);
  const oom = findingsOf(D.DESCRIBE_POD_OOM, POD_RULES);
  assert.ok(oom.findIndex((f) => f.rule === 'pod/oom-killed') < oom.findIndex((f) => f.rule === 'pod/crash-loop'));
  const json = findingsOf(D.JSON_STATUS_CRASHLOOP, POD_RULES)[0];
  assert.equal(json.page, 'crashloopbackoff');
  assert.match(json.text.en, /controller is in CrashLoopBackOff.*exit code 1 \(Error\), 19 restarts/);
});

test('a get pods row in CrashLoopBackOff, and a healthy row gives nothing', () => {
  const [row] = findingsOf(D.GET_PODS_WIDE, POD_RULES);
  assert.equal(row.text.en, 'Pod web-7c9d8f6b5d-x2k4q is in CrashLoopBackOff after 19 (4m ago) restarts');
  assert.deepEqual(findingsOf('api-5f7c9b8d4-qw2er   1/1   Running   0   3d', POD_RULES), []);
});

test('image pull failures say what the registry answered', () => {
  const notFound = findingsOf(D.DESCRIBE_POD_IMAGE_NOT_FOUND, POD_RULES)[0];
  assert.equal(notFound.page, 'imagepullbackoff');
  assert.match(notFound.text.en, /nginx:1\.27-alpnie \(ImagePullBackOff\): the registry has no such image or tag/);
  assert.match(findingsOf(D.DESCRIBE_POD_IMAGE_401, POD_RULES)[0].text.en, /\(401\)/);
  assert.match(findingsOf(D.DESCRIBE_POD_IMAGE_401, POD_RULES)[0].text.ko, /레지스트리가 인증 정보를 요구합니다\(401\)/);
});

test('CreateContainerConfigError names the missing Secret or key', () => {
  assert.match(findingsOf(D.DESCRIBE_POD_SECRET_MISSING, POD_RULES)[0].text.en, /Secret db-credentials does not exist/);
  assert.match(findingsOf(D.DESCRIBE_POD_SECRET_MISSING, POD_RULES)[0].text.ko, /Secret db-credentials가 없습니다/);
  assert.match(findingsOf(D.DESCRIBE_POD_CONFIGMAP_KEY, POD_RULES)[0].text.en, /key LOG_LEVEL is not in ConfigMap demo\/app-config/);
  const volume = findingsOf(D.DESCRIBE_POD_CONFIGMAP_VOLUME, POD_RULES)[0];
  assert.equal(volume.page, 'containercreating-volume');
  assert.match(volume.text.en, /ConfigMap nginx-config does not exist, so the Pod stays in ContainerCreating/);
});

test('FailedScheduling is read into node counts and reasons; volume reasons lead to the volume pages', () => {
  const [cpu] = findingsOf(D.DESCRIBE_POD_PENDING_CPU, POD_RULES);
  assert.equal(cpu.page, 'pending');
  assert.match(cpu.text.en, /cannot be scheduled: 0\/3 nodes are available \(1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 2 Insufficient cpu\) \(3 times over 2m\)/);
  assert.match(cpu.text.ko, /노드 3개 중 0개가 가능합니다/);
  const pvc = findingsOf(D.DESCRIBE_POD_UNBOUND_PVC, POD_RULES);
  assert.deepEqual(pvc.map((f) => f.page), ['pending', 'pvc-pending']);
  const noPv = findingsOf("Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", POD_RULES);
  assert.equal(noPv[0].page, 'pvc-pending');
});

test('a Pending Pod without a scheduler event is a weak finding that says so', () => {
  const [f] = findingsOf(D.DESCRIBE_POD_PENDING_NO_EVENTS, POD_RULES);
  assert.equal(f.rule, 'pod/pending-without-event');
  assert.ok(f.strength < 50);
  assert.match(f.text.en, /no scheduler event/);
});

test('volume attach and mount failures lead to containercreating-volume', () => {
  const [f] = findingsOf(D.DESCRIBE_POD_MULTI_ATTACH, POD_RULES);
  assert.equal(f.page, 'containercreating-volume');
  assert.match(f.text.en, /Multi-Attach error/);
  assert.deepEqual(pointed(f), ['Multi-Attach error for volume "pvc-2f3c8a1e-6b7d-4e9f-a0b1-c2d3e4f5a6b7"']);
});

test('probe failures: liveness restarts the container, readiness takes the Pod out of Services', () => {
  const liveness = findingsOf(D.DESCRIBE_POD_LIVENESS, POD_RULES).find((f) => f.rule === 'pod/probe-failed')!;
  assert.match(liveness.text.en, /^The liveness probe fails: Get "http:\/\/10\.244\.1\.5:8081\/healthz".* \(9 times over 83s\); the kubelet restarts the container for it$/);
  const readiness = findingsOf(D.DESCRIBE_POD_READINESS, POD_RULES)[0];
  assert.equal(readiness.page, 'probe-failures');
  assert.match(readiness.text.en, /HTTP probe failed with statuscode: 500 \(24 times over 2m\); the Pod is not Ready/);
});

test('an evicted Pod names the resource the node was low on', () => {
  const [f] = findingsOf(D.DESCRIBE_POD_EVICTED, POD_RULES);
  assert.equal(f.page, 'evicted-node-pressure');
  assert.equal(f.text.en, 'Pod cache-7b5d6c8f9-r4t6y was evicted: the node was low on ephemeral-storage');
});

test('CreateContainerError carries the runtime message', () => {
  const [f] = findingsOf(D.DESCRIBE_POD_CREATE_ERROR, POD_RULES);
  assert.equal(f.page, 'createcontainererror');
  assert.match(f.text.en, /failed to stat "\/data\/config": no such file or directory/);
});

test('a telling exit code without OOMKilled points at the exit-code table', () => {
  const [f] = findingsOf('Last State: Terminated   Reason: Error   Exit Code: 143', POD_RULES);
  assert.equal(f.page, 'exit-codes');
  assert.match(f.text.en, /exit code 143 \(Error\): stopped by SIGTERM/);
  assert.deepEqual(findingsOf('Last State: Terminated   Reason: Error   Exit Code: 1', POD_RULES).filter((x) => x.rule === 'pod/exit-code'), []);
});

test('a healthy Pod has no finding', () => {
  const healthy = D.DESCRIBE_POD_OOM.replace(/Last State:[\s\S]*?Finished:[^\n]*\n/, '').replace(/\n.*BackOff.*$/m, '');
  assert.deepEqual(findingsOf(healthy, POD_RULES), []);
});
