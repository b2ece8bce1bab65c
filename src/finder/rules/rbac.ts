/**
 * RBAC (Role, ClusterRole and their bindings): the authorizer's refusal as the API server words
 * it, `<resource> is forbidden: User "<user>" cannot <verb> resource "<resource>" in API group
 * "<group>" in the namespace "<ns>"` (or `at the cluster scope`).
 */
import type {Facts} from '../facts';
import {distinct, findMessage, messagesOf, type Rule} from './types';

const FORBIDDEN = /is forbidden: User "([^"]+)" cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)"| at the cluster scope)?/;

function who(user: string): {en: string; ko: string} {
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(user);
  return sa ? {en: `ServiceAccount ${sa[2]} (namespace ${sa[1]})`, ko: `${sa[1]} namespace의 ServiceAccount ${sa[2]}`} : {en: `User ${user}`, ko: `사용자 ${user}`};
}

const FORBIDDEN_RULE: Rule = {
  id: 'rbac/forbidden',
  pages: ['rbac-forbidden'],
  run(facts) {
    const hit = findMessage(messagesOf(facts), FORBIDDEN);
    if (!hit) return [];
    const [, user, verb, resource, group, namespace] = hit.m;
    const subject = who(user);
    const where = namespace ? {en: ` in namespace ${namespace}`, ko: `${namespace} namespace에서 `} : {en: ' cluster-wide', ko: '클러스터 범위에서 '};
    const api = group ? ` (API group ${group})` : '';
    return [
      {
        rule: this.id,
        page: 'rbac-forbidden',
        strength: 90,
        text: {
          en: `${subject.en} may not ${verb} ${resource}${api}${where.en}: no Role or ClusterRole bound to it allows that`,
          ko: `${subject.ko}에게 ${where.ko}${resource}${api}에 대한 ${verb} 권한이 없습니다. 이를 허용하는 Role이나 ClusterRole이 바인딩되어 있지 않습니다.`,
        },
        evidence: [hit.evidence],
      },
    ];
  },
};

export const RBAC_RULES: readonly Rule[] = [FORBIDDEN_RULE].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
