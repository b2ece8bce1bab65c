/** Deployment, ReplicaSet, Job and HPA rules. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DEPLOYMENT_RULES} from '../../src/finder/rules/deployment';
import {HPA_RULES} from '../../src/finder/rules/hpa';
import {JOB_RULES} from '../../src/finder/rules/job';
import {REPLICASET_RULES} from '../../src/finder/rules/replicaset';
import * as D from './fixtures/find-dumps';
import {findingsOf, pointed} from './fixtures/find-rule-kit';

test('deployment: ProgressDeadlineExceeded, with the replica counts', () => {
  const [f] = findingsOf(D.DESCRIBE_DEPLOYMENT_DEADLINE, DEPLOYMENT_RULES);
  assert.equal(f.page, 'rollout-stuck');
  assert.equal(f.text.en, 'The rollout of Deployment checkout stopped making progress (ProgressDeadlineExceeded): 3 desired | 1 updated | 4 total | 3 available | 1 unavailable');
  assert.deepEqual(pointed(f), ['ProgressDeadlineExceeded']);
  assert.equal(findingsOf(D.DESCRIBE_DEPLOYMENT_DEADLINE, DEPLOYMENT_RULES).length, 1, 'not restated as unavailable');
});

test('deployment: kubectl rollout status timing out, and a get deploy row short of replicas', () => {
  assert.equal(findingsOf('error: deployment "checkout" exceeded its progress deadline', DEPLOYMENT_RULES)[0].subject, 'Deployment checkout');
  const header = 'NAME       READY   UP-TO-DATE   AVAILABLE   AGE';
  const [row] = findingsOf(`${header}\ncheckout   0/3     3            0           12m`, DEPLOYMENT_RULES);
  assert.equal(row.rule, 'deployment/unavailable');
  assert.deepEqual(findingsOf(`${header}\ncheckout   3/3     3            3           12m`, DEPLOYMENT_RULES), []);
});

test('replicaset: a quota refusing Pods names the quota', () => {
  const [f] = findingsOf(D.DESCRIBE_REPLICASET_QUOTA, REPLICASET_RULES);
  assert.equal(f.page, 'quota-failedcreate');
  assert.match(f.text.en, /ResourceQuota compute-quota \(requested limits\.memory=512Mi\)/);
});

test('replicaset: a PodSecurity refusal is left to its own rule', () => {
  const line = 'Warning  FailedCreate  replicaset-controller  Error creating: pods "web-5f7c9d-abcde" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)';
  assert.deepEqual(findingsOf(line, REPLICASET_RULES), []);
});

test('job: BackoffLimitExceeded with the failed Pod count', () => {
  const [f] = findingsOf(D.DESCRIBE_JOB_BACKOFF, JOB_RULES);
  assert.equal(f.page, 'job-failed');
  assert.equal(f.text.en, 'Job backup-28930110 failed (BackoffLimitExceeded): its Pods failed more times than backoffLimit allows; 7 failed Pods');
  assert.match(f.text.ko, /^backup-28930110 Job이 실패했습니다/);
});

test('job: DeadlineExceeded from the event alone', () => {
  assert.match(findingsOf('Warning  DeadlineExceeded  job-controller  Job was active longer than specified deadline', JOB_RULES)[0].text.en, /activeDeadlineSeconds/);
});

test('hpa: <unknown> metrics explained by the metrics API being absent', () => {
  const [f] = findingsOf(D.DESCRIBE_HPA_UNKNOWN, HPA_RULES);
  assert.equal(f.page, 'hpa-not-scaling');
  assert.match(f.text.en, /^HPA web cannot read its metric \(<unknown>\), ScalingActive False \(FailedGetResourceMetric\), so it does not scale: the resource metrics API does not answer/);
  const [row] = findingsOf(D.GET_HPA_UNKNOWN, HPA_RULES);
  assert.deepEqual(pointed(row), ['<unknown>']);
});

test('hpa: a missing cpu request, and an autoscaler at its maximum', () => {
  assert.match(findingsOf('Warning  FailedGetResourceMetric  horizontal-pod-autoscaler  failed to get cpu utilization: missing request for cpu in container "app" of Pod "web-1"', HPA_RULES)[0].text.en, /no resource request/);
  const header = 'NAME   REFERENCE        TARGETS         MINPODS   MAXPODS   REPLICAS   AGE';
  const [max] = findingsOf(`${header}\nweb    Deployment/web   cpu: 180%/50%   2         10        10         3h`, HPA_RULES);
  assert.equal(max.rule, 'hpa/at-maximum');
  assert.match(max.text.en, /maximum of 10 replicas/);
});
