/**
 * ReplicaSets (and the other controllers that create Pods): `FailedCreate` events and the
 * ReplicaFailure condition. A quota is named here; a PodSecurity or webhook rejection has its own
 * rule (podsecurity.ts, webhook.ts), wherever the message appears.
 */
import type {Facts} from '../facts';
import {distinct, eventsOf, objectsOf, pointAt, type Rule} from './types';

/** The ResourceQuota admission plugin: `exceeded quota: compute-quota, requested: limits.memory=512Mi, …`. */
const QUOTA = /exceeded quota: ([\w.-]+)(?:, requested: ([^,\s]+))?/;
const HANDLED_ELSEWHERE = /violates PodSecurity|failed calling webhook|admission webhook "[^"]+" denied/;

const FAILED_CREATE: Rule = {
  id: 'replicaset/failed-create',
  pages: ['quota-failedcreate', 'rollout-stuck'],
  run(facts) {
    const kinds = ['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;
    const messages = [
      ...eventsOf(facts, [...kinds], ['FailedCreate']).map((e) => ({text: e.message, evidence: e.evidence, who: e.objectName ? `${e.objectKind ?? 'ReplicaSet'} ${e.objectName}` : undefined})),
      ...kinds.flatMap((k) => objectsOf(facts, k)).flatMap((o) =>
        o.conditions.filter((c) => c.type === 'ReplicaFailure' && c.status === 'True' && c.message).map((c) => ({text: c.message!, evidence: c.evidence, who: o.name ? `${o.kind} ${o.name}` : undefined})),
      ),
    ];
    const quota = messages.map((m) => ({m, q: QUOTA.exec(m.text)})).find((x) => x.q);
    if (quota?.q) {
      return [
        {
          rule: this.id,
          page: 'quota-failedcreate',
          strength: 90,
          subject: quota.m.who,
          text: {
            en: `New Pods are refused by ResourceQuota ${quota.q[1]}${quota.q[2] ? ` (requested ${quota.q[2]})` : ''}: the controller cannot create them`,
            ko: `ResourceQuota ${quota.q[1]}에 막혀 새 Pod가 만들어지지 않습니다${quota.q[2] ? `(요청 ${quota.q[2]})` : ''}.`,
          },
          evidence: [pointAt(quota.m.evidence, quota.q[0])],
        },
      ];
    }
    const other = messages.find((m) => !HANDLED_ELSEWHERE.test(m.text));
    if (!other) return [];
    return [
      {
        rule: this.id,
        page: 'rollout-stuck',
        strength: 60,
        subject: other.who,
        text: {en: `The controller cannot create Pods (FailedCreate): ${other.text}`, ko: `컨트롤러가 Pod를 만들지 못합니다(FailedCreate): ${other.text}`},
        evidence: [other.evidence],
      },
    ];
  },
};

export const REPLICASET_RULES: readonly Rule[] = [FAILED_CREATE].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
