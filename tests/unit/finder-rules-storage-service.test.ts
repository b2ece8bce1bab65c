/** PVC, Service and Ingress rules. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {INGRESS_RULES} from '../../src/finder/rules/ingress';
import {PVC_RULES} from '../../src/finder/rules/pvc';
import {SERVICE_RULES} from '../../src/finder/rules/service';
import * as D from './fixtures/find-dumps';
import {findingsOf, pointed} from './fixtures/find-rule-kit';

test('pvc: Pending with the provisioner saying the StorageClass does not exist', () => {
  const [f] = findingsOf(D.DESCRIBE_PVC_NO_CLASS, PVC_RULES);
  assert.equal(f.page, 'pvc-pending');
  assert.equal(f.text.en, 'PVC data-web-0 is Pending: StorageClass fast-ssd does not exist');
  assert.equal(f.text.ko, 'data-web-0 PVC가 Pending 상태입니다. StorageClass fast-ssd가 없습니다.');
});

test('pvc: no class and no PV; the get pvc row; the get events row', () => {
  assert.match(findingsOf(D.DESCRIBE_PVC_NO_PV, PVC_RULES)[0].text.en, /names no StorageClass and no PersistentVolume matches it/);
  assert.equal(findingsOf(D.GET_PVC, PVC_RULES)[0].text.en, 'PVC data-web-0 is Pending');
  assert.match(findingsOf(D.GET_EVENTS_PVC, PVC_RULES)[0].text.en, /data-web-0 cannot be bound \(ProvisioningFailed\): StorageClass fast-ssd/);
  assert.deepEqual(findingsOf('data-web-0   Bound   pvc-2f3c8a1e-6b7d-4e9f-a0b1-c2d3e4f5a6b7   10Gi   RWO   standard   <unset>   4m', PVC_RULES), []);
});

test('service: Endpoints <none> names the selector', () => {
  const [f] = findingsOf(D.DESCRIBE_SERVICE_NO_ENDPOINTS, SERVICE_RULES);
  assert.equal(f.page, 'service-no-endpoints');
  assert.equal(f.text.en, 'Service web has no endpoints: no Ready Pod matches its selector app=web-frontend');
  assert.deepEqual(pointed(f), ['<none>', 'app=web-frontend']);
});

test('service: a LoadBalancer without an address, from describe and from get svc', () => {
  const [described] = findingsOf(D.DESCRIBE_SERVICE_LB_PENDING, SERVICE_RULES);
  assert.equal(described.page, 'ingress-5xx-lb-pending');
  assert.match(described.text.en, /could not find any suitable subnets/);
  const [row] = findingsOf(D.GET_SVC_LB_PENDING, SERVICE_RULES);
  assert.equal(row.subject, 'Service shop-public');
  assert.deepEqual(findingsOf(D.DESCRIBE_SERVICE_NO_ENDPOINTS, SERVICE_RULES).filter((x) => x.rule === 'service/load-balancer-pending'), []);
});

test('ingress: a backend Service that does not exist', () => {
  const [f] = findingsOf(D.DESCRIBE_INGRESS_NO_SERVICE, INGRESS_RULES);
  assert.equal(f.page, 'ingress-5xx-lb-pending');
  assert.match(f.text.en, /routes to shop-web:80, which cannot be found \(<error: services "shop-web" not found>\)/);
});

test('ingress: nginx upstream errors in the controller log', () => {
  const [f] = findingsOf('2025/11/16 04:12:31 [error] 31#31: *4021 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.244.0.1', INGRESS_RULES);
  assert.equal(f.rule, 'ingress/upstream-errors');
  assert.deepEqual(findingsOf('GET /healthz 200 OK', INGRESS_RULES), []);
});
