/**
 * Ingresses: a backend Service that is missing or has no endpoints (kubectl describe ingress
 * prints `web:80 (<error: services "web" not found>)` or `web:80 (<none>)`), and the 502/503/504
 * an ingress controller logs when its upstream does not answer (ingress-nginx's nginx error log).
 */
import type {Facts} from '../facts';
import {named} from './words';
import {distinct, findMessage, messagesOf, objectsOf, pointAt, subjectOf, type Finding, type Rule} from './types';

const BACKEND = /^(\S+?):(\S+) \((<error: [^>]*>|<none>)\)$/;

const BACKEND_MISSING: Rule = {
  id: 'ingress/backend-missing',
  pages: ['ingress-5xx-lb-pending'],
  run(facts) {
    const findings: Finding[] = [];
    for (const ingress of objectsOf(facts, 'Ingress')) {
      for (const backend of ingress.backends) {
        const part = backend.span ? backend.line.slice(backend.span[0], backend.span[1]) : backend.line;
        const m = BACKEND.exec(part);
        if (!m) continue;
        const missing = m[3].startsWith('<error');
        findings.push({
          rule: this.id,
          page: 'ingress-5xx-lb-pending',
          strength: 86,
          subject: subjectOf(ingress),
          text: missing
            ? {en: `${named('Ingress', ingress.name).en} routes to ${m[1]}:${m[2]}, which cannot be found (${m[3]}): requests get 503`, ko: `${named('Ingress', ingress.name, '이/가').ko} ${m[1]}:${m[2]}로 보내지만 찾을 수 없습니다(${m[3]}). 요청은 503을 받습니다.`}
            : {en: `${named('Ingress', ingress.name).en} routes to Service ${m[1]}, which has no endpoints: requests get 503`, ko: `${named('Ingress', ingress.name, '이/가').ko} ${m[1]} Service로 보내지만 endpoint가 없습니다. 요청은 503을 받습니다.`},
          evidence: [backend],
        });
      }
    }
    return findings;
  },
};

/** nginx's upstream errors and status lines, as ingress-nginx logs and serves them. */
const UPSTREAM = /(connect\(\) failed \(111: Connection refused\) while connecting to upstream|upstream timed out \(110: (?:Connection|Operation) timed out\)|no live upstreams while connecting to upstream|upstream prematurely closed connection|\b50[234] (?:Bad Gateway|Service Temporarily Unavailable|Service Unavailable|Gateway Time-?out)\b)/i;

const UPSTREAM_ERRORS: Rule = {
  id: 'ingress/upstream-errors',
  pages: ['ingress-5xx-lb-pending'],
  run(facts) {
    const hit = findMessage(messagesOf(facts), UPSTREAM);
    if (!hit) return [];
    return [
      {
        rule: this.id,
        page: 'ingress-5xx-lb-pending',
        strength: 78,
        text: {en: `The ingress controller cannot get an answer from the backend Pods (${hit.m[1]})`, ko: `ingress 컨트롤러가 backend Pod에서 응답을 받지 못합니다(${hit.m[1]}).`},
        evidence: [hit.evidence],
      },
    ];
  },
};

export const INGRESS_RULES: readonly Rule[] = [BACKEND_MISSING, UPSTREAM_ERRORS].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
