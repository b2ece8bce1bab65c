/**
 * Admission webhooks (ValidatingWebhookConfiguration / MutatingWebhookConfiguration): the API
 * server could not call one (`failed calling webhook "name": failed to call webhook: …`), or one
 * said no (`admission webhook "name" denied the request: …`). The words after the webhook's name
 * say which: a backend that refuses connections, has no endpoints, or does not answer in time.
 */
import type {Facts} from '../facts';
import {distinct, findMessage, messagesOf, type Localized, type Rule} from './types';

const CALL_FAILED = /failed calling webhook "([^"]+)"/;
const DENIED = /admission webhook "([^"]+)" denied the request(?::\s*(.*))?/;

const CAUSES: {re: RegExp; text: Localized}[] = [
  {re: /no endpoints available for service "([^"]+)"/, text: {en: 'its Service has no Ready Pod behind it', ko: 'webhook Service 뒤에 Ready Pod가 없습니다'}},
  {re: /connect: connection refused/, text: {en: 'its backend refuses connections', ko: 'webhook backend가 연결을 거부합니다'}},
  {re: /context deadline exceeded|i\/o timeout|Client\.Timeout exceeded/, text: {en: 'its backend did not answer in time (a NetworkPolicy or a slow backend)', ko: 'webhook backend가 제시간에 응답하지 않습니다(NetworkPolicy 또는 느린 backend)'}},
  {re: /x509: /, text: {en: "the API server does not trust the webhook's certificate", ko: 'API 서버가 webhook의 인증서를 신뢰하지 않습니다'}},
  {re: /service "[^"]+" not found/, text: {en: 'its Service does not exist', ko: 'webhook Service가 없습니다'}},
];

const CALL: Rule = {
  id: 'webhook/call-failed',
  pages: ['admission-webhook-failure'],
  run(facts) {
    const messages = messagesOf(facts);
    const hit = findMessage(messages, CALL_FAILED);
    if (!hit) return [];
    const message = messages.find((m) => m.evidence.line === hit.evidence.line)?.text ?? hit.evidence.line;
    const cause = CAUSES.find((c) => c.re.test(message))?.text;
    return [
      {
        rule: this.id,
        page: 'admission-webhook-failure',
        strength: 92,
        text: {
          en: `The API server cannot call admission webhook ${hit.m[1]}${cause ? `: ${cause.en}` : ''}; with failurePolicy Fail it rejects the request`,
          ko: `API 서버가 admission webhook ${hit.m[1]}을(를) 호출하지 못합니다.${cause ? ` ${cause.ko}.` : ''} failurePolicy가 Fail이면 요청이 거부됩니다.`,
        },
        evidence: [hit.evidence],
      },
    ];
  },
};

const DENY: Rule = {
  id: 'webhook/denied',
  pages: ['admission-webhook-failure'],
  run(facts) {
    const hit = findMessage(messagesOf(facts), DENIED);
    if (!hit) return [];
    return [
      {
        rule: this.id,
        page: 'admission-webhook-failure',
        strength: 85,
        text: {
          en: `Admission webhook ${hit.m[1]} rejected the request${hit.m[2] ? `: ${hit.m[2]}` : ''}`,
          ko: `admission webhook ${hit.m[1]}이(가) 요청을 거부했습니다${hit.m[2] ? `: ${hit.m[2]}` : '.'}`,
        },
        evidence: [hit.evidence],
      },
    ];
  },
};

export const WEBHOOK_RULES: readonly Rule[] = [CALL, DENY].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
