/**
 * Certificates (TLS Secrets, cert-manager Certificates, the API server's and webhooks' serving
 * certificates): Go's crypto/x509 verification errors, which every Kubernetes component prints
 * as they are.
 */
import type {Facts} from '../facts';
import {distinct, findMessage, messagesOf, type Localized, type Rule} from './types';

const X509: {re: RegExp; text: (m: RegExpExecArray) => Localized}[] = [
  {
    re: /x509: certificate has expired or is not yet valid(?:: current time (\S+) is (after|before) (\S+))?/,
    text: (m) =>
      m[2] === 'before'
        ? {en: `A certificate is not valid yet (valid from ${m[3]}): check the clock of the machine that checks it`, ko: `인증서가 아직 유효하지 않습니다(${m[3]}부터 유효). 검증하는 머신의 시계를 확인하세요.`}
        : {en: `A certificate has expired${m[3] ? ` (on ${m[3]})` : ''}`, ko: `인증서가 만료되었습니다${m[3] ? `(${m[3]})` : ''}.`},
  },
  {
    re: /x509: certificate signed by unknown authority/,
    text: () => ({en: 'A certificate is signed by a CA the client does not trust (x509: unknown authority)', ko: '클라이언트가 신뢰하지 않는 CA가 서명한 인증서입니다(x509: unknown authority).'}),
  },
  {
    re: /x509: certificate is valid for ([^,]+(?:, [^,]+)*?), not (\S+)/,
    text: (m) => ({en: `A certificate does not name the host it is used for: valid for ${m[1]}, not ${m[2]}`, ko: `인증서에 접속한 호스트 이름이 없습니다. ${m[1]}에만 유효하고 ${m[2]}에는 유효하지 않습니다.`}),
  },
  {
    re: /x509: (.+)/,
    text: (m) => ({en: `A certificate fails verification: x509: ${m[1]}`, ko: `인증서 검증이 실패합니다: x509: ${m[1]}`}),
  },
];

const X509_RULE: Rule = {
  id: 'certificate/x509',
  pages: ['certificate-x509'],
  run(facts) {
    const messages = messagesOf(facts);
    for (const {re, text} of X509) {
      const hit = findMessage(messages, re);
      if (hit) return [{rule: this.id, page: 'certificate-x509', strength: 92, text: text(hit.m), evidence: [hit.evidence]}];
    }
    return [];
  },
};

export const CERTIFICATE_RULES: readonly Rule[] = [X509_RULE].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
