/** Rules that read error messages wherever they appear: webhooks, RBAC, certificates, DNS, Pod Security. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {CERTIFICATE_RULES} from '../../src/finder/rules/certificate';
import {DNS_RULES} from '../../src/finder/rules/dns';
import {PODSECURITY_RULES} from '../../src/finder/rules/podsecurity';
import {RBAC_RULES} from '../../src/finder/rules/rbac';
import {WEBHOOK_RULES} from '../../src/finder/rules/webhook';
import * as D from './fixtures/find-dumps';
import {findingsOf, pointed} from './fixtures/find-rule-kit';

test('webhook: the API server cannot call it, and why', () => {
  const [f] = findingsOf(D.APPLY_WEBHOOK, WEBHOOK_RULES);
  assert.equal(f.page, 'admission-webhook-failure');
  assert.match(f.text.en, /cannot call admission webhook mservice\.elbv2\.k8s\.aws: its Service has no Ready Pod behind it/);
  assert.deepEqual(pointed(f), ['failed calling webhook "mservice.elbv2.k8s.aws"']);
  const denied = findingsOf('Error from server (Forbidden): error when creating "pod.yaml": admission webhook "validation.gatekeeper.sh" denied the request: [require-team-label] you must provide labels: {"team"}', WEBHOOK_RULES)[0];
  assert.equal(denied.rule, 'webhook/denied');
});

test('rbac: who may not do what, where', () => {
  const [f] = findingsOf('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:ci:deployer" cannot list resource "pods" in API group "" in the namespace "shop"', RBAC_RULES);
  assert.equal(f.page, 'rbac-forbidden');
  assert.equal(f.text.en, 'ServiceAccount deployer (namespace ci) may not list pods in namespace shop: no Role or ClusterRole bound to it allows that');
  assert.match(f.text.ko, /^ci namespace의 ServiceAccount deployer에게 shop namespace에서 pods에 대한 list 권한이 없습니다/);
  assert.deepEqual(findingsOf('pods "web" is forbidden: exceeded quota: compute-quota', RBAC_RULES), []);
});

test('certificate: expired, unknown authority, wrong name', () => {
  assert.equal(findingsOf(D.LOGS_X509, CERTIFICATE_RULES)[0].page, 'certificate-x509');
  assert.match(findingsOf(D.LOGS_X509, CERTIFICATE_RULES)[0].text.en, /expired \(on 2026-11-15T08:00:12Z/);
  assert.match(findingsOf('x509: certificate signed by unknown authority', CERTIFICATE_RULES)[0].text.en, /CA the client does not trust/);
  assert.match(findingsOf('x509: certificate is valid for ingress.local, not shop.example.com', CERTIFICATE_RULES)[0].text.en, /valid for ingress\.local, not shop\.example\.com/);
  assert.deepEqual(findingsOf('certificate renewed successfully', CERTIFICATE_RULES), []);
});

test('dns: no such host from the cluster DNS server', () => {
  const [f] = findingsOf(D.LOGS_DNS, DNS_RULES);
  assert.equal(f.page, 'dns-resolution-failure');
  assert.equal(f.text.en, 'payments.shop.svc.cluster.local does not resolve: the DNS server 10.96.0.10 answers that no such name exists');
  assert.match(findingsOf('[ERROR] plugin/errors: 2 payments.shop. A: read udp 10.244.0.5:40211->8.8.8.8:53: i/o timeout', DNS_RULES)[0].text.en, /CoreDNS cannot answer for payments\.shop\./);
});

test('podsecurity: enforced refusal, and the warn-mode warning is weaker', () => {
  const [enforced] = findingsOf(D.APPLY_PODSECURITY, PODSECURITY_RULES);
  assert.equal(enforced.page, 'podsecurity-rejected');
  assert.match(enforced.text.en, /violates restricted:latest \(allowPrivilegeEscalation != false; unrestricted capabilities; runAsNonRoot != true; seccompProfile\)/);
  const [warn] = findingsOf('Warning: would violate PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)', PODSECURITY_RULES);
  assert.ok(warn.strength < enforced.strength);
});
