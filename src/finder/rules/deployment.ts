/**
 * Deployments: the Progressing condition (`ProgressDeadlineExceeded` once
 * spec.progressDeadlineSeconds passes without progress) and replicas that are not available.
 */
import type {Facts} from '../facts';
import {named} from './words';
import {distinct, findMessage, messagesOf, objectsOf, pointAt, subjectOf, type Finding, type Rule} from './types';

/** kubectl rollout status: `error: deployment "web" exceeded its progress deadline`. */
const ROLLOUT_STATUS = /deployment "([^"]+)" exceeded its progress deadline|ReplicaSet "([^"]+)" has timed out progressing/;

const PROGRESS_DEADLINE: Rule = {
  id: 'deployment/progress-deadline',
  pages: ['rollout-stuck'],
  run(facts) {
    const findings: Finding[] = [];
    for (const deploy of objectsOf(facts, 'Deployment')) {
      const progressing = deploy.conditions.find((c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded');
      if (!progressing) continue;
      const replicas = deploy.fields.Replicas?.value;
      findings.push({
        rule: this.id,
        page: 'rollout-stuck',
        strength: 93,
        subject: subjectOf(deploy),
        text: {
          en: `The rollout of ${named('Deployment', deploy.name).en} stopped making progress (ProgressDeadlineExceeded)${replicas ? `: ${replicas}` : ''}`,
          ko: `${named('Deployment', deploy.name, '의').ko} rollout이 더 진행되지 않습니다(ProgressDeadlineExceeded)${replicas ? `: ${replicas}` : '.'}`,
        },
        evidence: [pointAt(progressing.evidence, 'ProgressDeadlineExceeded')],
      });
    }
    if (findings.length > 0) return findings;
    const hit = findMessage(messagesOf(facts), ROLLOUT_STATUS);
    if (hit) {
      const name = hit.m[1];
      findings.push({
        rule: this.id,
        page: 'rollout-stuck',
        strength: 90,
        subject: name ? `Deployment ${name}` : undefined,
        text: {en: `The rollout${name ? ` of Deployment ${name}` : ''} passed its progress deadline`, ko: `${name ? `${name} Deployment의 ` : ''}rollout이 progress deadline을 넘겼습니다.`},
        evidence: [hit.evidence],
      });
    }
    return findings;
  },
};

const UNAVAILABLE: Rule = {
  id: 'deployment/unavailable',
  pages: ['rollout-stuck'],
  run(facts) {
    return objectsOf(facts, 'Deployment').flatMap((deploy) => {
      if (deploy.conditions.some((c) => c.reason === 'ProgressDeadlineExceeded')) return [];
      const available = deploy.conditions.find((c) => c.type === 'Available' && c.status === 'False');
      const ready = deploy.fields.READY?.value;
      const row = ready ? /^(\d+)\/(\d+)$/.exec(ready) : null;
      if (!available && !(row && Number(row[1]) < Number(row[2]))) return [];
      const counts = row ? `${row[1]}/${row[2]}` : deploy.fields.Replicas?.value;
      return [
        {
          rule: this.id,
          page: 'rollout-stuck',
          strength: 55,
          subject: subjectOf(deploy),
          text: {
            en: `${named('Deployment', deploy.name).en} does not have all its replicas available${counts ? ` (${counts})` : ''}${available?.reason ? `: ${available.reason}` : ''}`,
            ko: `${named('Deployment', deploy.name, '의').ko} replica가 모두 available하지 않습니다${counts ? `(${counts})` : ''}${available?.reason ? `: ${available.reason}` : '.'}`,
          },
          evidence: [available ? pointAt(available.evidence, available.reason) : pointAt(deploy.fields.READY!.evidence, ready)],
        },
      ];
    });
  },
};

export const DEPLOYMENT_RULES: readonly Rule[] = [PROGRESS_DEADLINE, UNAVAILABLE].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
