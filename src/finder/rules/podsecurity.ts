/**
 * Pod Security admission (the namespace's `pod-security.kubernetes.io/enforce` label): `violates
 * PodSecurity "restricted:latest": allowPrivilegeEscalation != false (…), …`, and the `would
 * violate` warning that `warn` and `audit` give.
 */
import type {Facts} from '../facts';
import {distinct, findMessage, messagesOf, type Rule} from './types';

const VIOLATES = /(would )?violate(?:s)? PodSecurity "([^"]+)": (.+)$/;

const REJECTED: Rule = {
  id: 'podsecurity/rejected',
  pages: ['podsecurity-rejected'],
  run(facts) {
    const hit = findMessage(messagesOf(facts), VIOLATES);
    if (!hit) return [];
    const warnOnly = !!hit.m[1];
    const checks = hit.m[3].replace(/ \([^)]*\)/g, '').split(/, (?=[\w.]+(?: |$))/).slice(0, 4).join('; ');
    return [
      {
        rule: this.id,
        page: 'podsecurity-rejected',
        strength: warnOnly ? 70 : 92,
        text: warnOnly
          ? {en: `The Pod would violate the ${hit.m[2]} Pod Security level (${checks}); it is admitted now, a namespace enforcing that level refuses it`, ko: `Pod가 Pod Security ${hit.m[2]} 수준을 위반합니다(${checks}). 지금은 허용되지만 이 수준을 enforce하는 namespace에서는 거부됩니다.`}
          : {en: `Pod Security admission refuses the Pod: it violates ${hit.m[2]} (${checks})`, ko: `Pod Security admission이 Pod를 거부합니다. ${hit.m[2]} 수준을 위반합니다(${checks}).`},
        evidence: [hit.evidence],
      },
    ];
  },
};

export const PODSECURITY_RULES: readonly Rule[] = [REJECTED].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
