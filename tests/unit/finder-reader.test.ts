/** The structural reader on upstream formats, whole and in the fragments people paste. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readPaste} from '../../src/finder/read';
import {parseDescribeEventRow, parseGetEventRow} from '../../src/finder/read/events';
import * as D from './fixtures/find-dumps';

test('describe pod: containers, states, restarts, conditions and events with their counts', () => {
  const facts = readPaste(D.DESCRIBE_POD_OOM);
  const [pod] = facts.objects;
  assert.equal(pod.kind, 'Pod');
  assert.equal(pod.name, 'api-5f7c9b8d4-qw2er');
  const [api] = pod.containers;
  assert.deepEqual([api.name, api.state?.state, api.lastState?.state, api.lastState?.reason, api.lastState?.exitCode, api.restartCount, api.ready], ['api', 'Running', 'Terminated', 'OOMKilled', 137, 4, true]);
  assert.deepEqual(pod.conditions.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  const backoff = facts.events.find((e) => e.reason === 'BackOff')!;
  assert.deepEqual([backoff.type, backoff.age, backoff.count, backoff.over, backoff.from, backoff.objectKind], ['Warning', '12s', 9, '12m', 'kubelet', 'Pod']);
  assert.ok(facts.formats.includes('describe'));
});

test('describe without indentation, and a flattened Last State line', () => {
  const flat = readPaste(D.DESCRIBE_POD_CRASHLOOP.split('\n').map((l) => l.trim()).join('\n')).objects[0];
  assert.equal(flat.containers[0].state?.reason, 'CrashLoopBackOff');
  assert.equal(flat.containers[0].lastState?.exitCode, 1);
  const one = readPaste('Last State: Terminated Reason: OOMKilled Exit Code: 137').objects[0].containers[0];
  assert.deepEqual([one.lastState?.reason, one.lastState?.exitCode], ['OOMKilled', 137]);
});

test('each describe kind is recognised from the labels its describer prints', () => {
  const kinds = [
    [D.DESCRIBE_NODE_NOT_READY, 'Node'], [D.DESCRIBE_PVC_NO_CLASS, 'PersistentVolumeClaim'], [D.DESCRIBE_SERVICE_NO_ENDPOINTS, 'Service'],
    [D.DESCRIBE_DEPLOYMENT_DEADLINE, 'Deployment'], [D.DESCRIBE_REPLICASET_QUOTA, 'ReplicaSet'], [D.DESCRIBE_JOB_BACKOFF, 'Job'],
    [D.DESCRIBE_HPA_UNKNOWN, 'HorizontalPodAutoscaler'], [D.DESCRIBE_INGRESS_NO_SERVICE, 'Ingress'],
  ] as const;
  for (const [text, kind] of kinds) assert.equal(readPaste(text).objects[0]?.kind, kind, kind);
});

test('node conditions with their two timestamps, and taints on continuation lines', () => {
  const [node] = readPaste(D.DESCRIBE_NODE_NOT_READY).objects;
  const ready = node.conditions.find((c) => c.type === 'Ready')!;
  assert.deepEqual([ready.status, ready.reason, ready.message], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
  assert.deepEqual(node.taints, ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
});

test('a deployment template is not read as running containers', () => {
  assert.deepEqual(readPaste(D.DESCRIBE_DEPLOYMENT_DEADLINE).objects[0].containers, []);
});

test('get tables by column position, with and without a header', () => {
  const wide = readPaste(D.GET_PODS_WIDE).objects;
  assert.equal(wide.length, 3);
  assert.deepEqual([wide[1].fields.STATUS.value, wide[1].fields.RESTARTS.value, wide[1].fields.NODE.value], ['CrashLoopBackOff', '19 (4m ago)', 'worker-2']);
  const pvc = readPaste(D.GET_PVC).objects[0];
  assert.deepEqual([pvc.kind, pvc.fields.STATUS.value, pvc.fields.STORAGECLASS.value, pvc.fields.VOLUME], ['PersistentVolumeClaim', 'Pending', 'fast-ssd', undefined]);
  assert.equal(readPaste('web-0   0/1   CrashLoopBackOff   6 (2m ago)   10m').objects[0].fields.STATUS.value, 'CrashLoopBackOff');
  assert.equal(readPaste('worker-2   NotReady,SchedulingDisabled   <none>   12d   v1.31.4').objects[0].fields.STATUS.value, 'NotReady,SchedulingDisabled');
});

test('event rows in both printers', () => {
  const described = parseDescribeEventRow('Warning  FailedScheduling  12s (x3 over 2m)   default-scheduler  0/3 nodes are available: 3 Insufficient cpu.')!;
  assert.deepEqual([described.reason, described.count, described.from, described.message], ['FailedScheduling', 3, 'default-scheduler', '0/3 nodes are available: 3 Insufficient cpu.']);
  const quoted = parseDescribeEventRow('Warning  Failed  kubelet  Error: ErrImagePull')!;
  assert.deepEqual([quoted.from, quoted.message], ['kubelet', 'Error: ErrImagePull']);
  const got = parseGetEventRow('shop        8s          Warning   ProvisioningFailed   persistentvolumeclaim/data-web-0    storageclass.storage.k8s.io "fast-ssd" not found')!;
  assert.deepEqual([got.objectKind, got.objectName, got.reason], ['PersistentVolumeClaim', 'data-web-0', 'ProvisioningFailed']);
});

test('YAML and JSON status blocks, whole or cut', () => {
  const yaml = readPaste(D.YAML_STATUS_OOM).objects[0];
  assert.deepEqual([yaml.kind, yaml.source, yaml.containers[0].lastState?.reason, yaml.containers[0].restartCount], ['Pod', 'yaml', 'OOMKilled', 6]);
  const json = readPaste(D.JSON_STATUS_CRASHLOOP).objects[0];
  assert.deepEqual([json.source, json.containers[0].state?.reason], ['json', 'CrashLoopBackOff']);
  const node = readPaste(D.YAML_NODE_MEMORY_PRESSURE).objects[0];
  assert.deepEqual([node.kind, node.taints[0]], ['Node', 'node.kubernetes.io/memory-pressure:NoSchedule']);
  const cut = readPaste(D.YAML_STATUS_OOM.split('\n').slice(5, 16).join('\n')).objects[0];
  assert.equal(cut?.containers[0]?.lastState?.reason, 'OOMKilled');
});

test('log formats and alert titles', () => {
  const facts = readPaste(`${D.LOGS_API_TIMEOUT}\n${D.LOGS_X509}\nlevel=error msg="Unable to contact k8s api-server" subsys=k8s-client`);
  assert.deepEqual(facts.logs.map((l) => `${l.format}:${l.level ?? ''}`), ['json:info', 'json:error', 'klog:info', 'klog:error', 'logfmt:error']);
  const alerts = readPaste(D.ALERTMANAGER_CRASHLOOP).alerts;
  assert.deepEqual([alerts[0].name, alerts[0].state, alerts[0].known], ['KubePodCrashLooping', 'firing', true]);
  assert.deepEqual(readPaste('[FIRING:1] MyTeamCustomAlert (x)').alerts.map((a) => [a.name, a.known]), [['MyTeamCustomAlert', false]]);
  assert.ok(readPaste('Traceback (most recent call last):\n  File "a.py", line 1').formats.includes('python-traceback'));
});

test('a paste that repeats itself reads as each part read alone, once per repeat', () => {
  const parts = [D.DESCRIBE_POD_OOM, D.DESCRIBE_NODE_CNI, 'E0412 10:31:02.123456       1 reflector.go:147] dial tcp 10.96.0.1:443: i/o timeout'];
  const once = parts.map((p) => readPaste(p));
  const twice = readPaste([...parts, ...parts].join('\n\n'));
  assert.deepEqual(twice.objects, [...once.flatMap((f) => f.objects), ...once.flatMap((f) => f.objects)]);
  assert.deepEqual(twice.events, [...once.flatMap((f) => f.events), ...once.flatMap((f) => f.events)]);
  assert.deepEqual(twice.logs, [...once.flatMap((f) => f.logs), ...once.flatMap((f) => f.logs)]);
  // The same block under another `kubectl describe <kind>` prompt is read for that kind.
  const hinted = readPaste(`Name: x\nStatus: Pending\n\n$ kubectl describe pvc x\nName: x\nStatus: Pending`);
  assert.deepEqual(hinted.objects.map((o) => o.kind), [readPaste('Name: x\nStatus: Pending').objects[0]?.kind, 'PersistentVolumeClaim'].filter(Boolean));
});
