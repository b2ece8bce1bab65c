/** Node rules: Ready, pressure conditions and taints, cordoning. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {NODE_RULES} from '../../src/finder/rules/node';
import * as D from './fixtures/find-dumps';
import {findingsOf, pointed} from './fixtures/find-rule-kit';

test('a node whose kubelet stopped reporting: Ready Unknown, NodeStatusUnknown', () => {
  const [f] = findingsOf(D.DESCRIBE_NODE_NOT_READY, NODE_RULES);
  assert.equal(f.page, 'node-notready');
  assert.equal(f.text.en, 'Node worker-2 is not Ready (Ready Unknown, NodeStatusUnknown): Kubelet stopped posting node status.');
  assert.match(f.text.ko, /^worker-2 Node가 Ready가 아닙니다/);
  assert.deepEqual(pointed(f), ['NodeStatusUnknown']);
});

test('a node whose kubelet reports the CNI missing: Ready False, KubeletNotReady', () => {
  const [f] = findingsOf(D.DESCRIBE_NODE_CNI, NODE_RULES);
  assert.match(f.text.en, /Ready False, KubeletNotReady\): container runtime network not ready/);
});

test('a get nodes row in NotReady', () => {
  const [f] = findingsOf(D.GET_NODES, NODE_RULES);
  assert.equal(f.text.en, 'Node k8s-labs-worker2 is NotReady');
  assert.equal(f.subject, 'Node k8s-labs-worker2');
});

test('DiskPressure and MemoryPressure lead to the eviction page', () => {
  const disk = findingsOf(D.DESCRIBE_NODE_DISK_PRESSURE, NODE_RULES);
  assert.equal(disk.length, 1, 'a Ready node under pressure is not also NotReady');
  assert.equal(disk[0].page, 'evicted-node-pressure');
  assert.match(disk[0].text.en, /short of disk space \(DiskPressure\)/);
  const memory = findingsOf(D.YAML_NODE_MEMORY_PRESSURE, NODE_RULES)[0];
  assert.match(memory.text.en, /^Node worker-3 is short of memory \(MemoryPressure\)/);
  assert.match(memory.text.ko, /메모리가 부족합니다/);
});

test('Unknown pressure conditions on a silent node are not pressure', () => {
  assert.deepEqual(findingsOf(D.DESCRIBE_NODE_NOT_READY, NODE_RULES).filter((f) => f.rule === 'node/pressure'), []);
});

test('a cordoned node is a weak finding', () => {
  const [f] = findingsOf('worker-1   Ready,SchedulingDisabled   <none>   12d   v1.32.2', NODE_RULES);
  assert.equal(f.rule, 'node/cordoned');
  assert.ok(f.strength <= 50);
});
