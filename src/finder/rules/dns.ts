/**
 * Cluster DNS (CoreDNS and the Pods' resolv.conf): a name that does not resolve, as Go's
 * resolver, glibc, musl's nslookup, dig and CoreDNS's errors plugin print it.
 */
import type {Facts} from '../facts';
import {distinct, findMessage, messagesOf, type Localized, type Rule} from './types';

const FAILURES: {re: RegExp; text: (m: RegExpExecArray) => Localized}[] = [
  {
    re: /lookup (\S+?) on ([\d.]+):53: no such host/,
    text: (m) => ({en: `${m[1]} does not resolve: the DNS server ${m[2]} answers that no such name exists`, ko: `${m[1]} 이름을 찾지 못합니다. DNS 서버 ${m[2]}가 그런 이름이 없다고 응답합니다.`}),
  },
  {
    re: /lookup (\S+?)(?: on ([\d.]+):53)?: (?:read udp \S+: )?(i\/o timeout|server misbehaving|connection refused)/,
    text: (m) => ({en: `${m[1]} does not resolve: the DNS server${m[2] ? ` ${m[2]}` : ''} does not answer (${m[3]})`, ko: `${m[1]} 이름을 조회하지 못합니다. DNS 서버${m[2] ? ` ${m[2]}` : ''}가 응답하지 않습니다(${m[3]}).`}),
  },
  {
    re: /Temporary failure in name resolution|Name or service not known|could not resolve host: (\S+)|Could not resolve host: (\S+)|getaddrinfo EAI_AGAIN (\S+)/,
    text: () => ({en: 'A name does not resolve inside the Pod (the resolver got no answer)', ko: 'Pod 안에서 이름 조회가 실패합니다(resolver가 응답을 받지 못함).'}),
  },
  {
    re: /;; connection timed out; no servers could be reached|nslookup: can't resolve '([^']+)'|\*\* server can't find (\S+?): (NXDOMAIN|SERVFAIL)/,
    text: () => ({en: 'DNS lookups from the Pod fail: no DNS server answers or the name does not exist', ko: 'Pod에서 DNS 조회가 실패합니다. DNS 서버가 응답하지 않거나 이름이 없습니다.'}),
  },
  {
    re: /\[ERROR\] plugin\/errors: \d+ (\S+) \w+: (.+)/,
    text: (m) => ({en: `CoreDNS cannot answer for ${m[1]}: ${m[2]}`, ko: `CoreDNS가 ${m[1]}에 응답하지 못합니다: ${m[2]}`}),
  },
];

const LOOKUP_FAILED: Rule = {
  id: 'dns/lookup-failed',
  pages: ['dns-resolution-failure'],
  run(facts) {
    const messages = messagesOf(facts);
    for (const {re, text} of FAILURES) {
      const hit = findMessage(messages, re);
      if (hit) return [{rule: this.id, page: 'dns-resolution-failure', strength: 86, text: text(hit.m), evidence: [hit.evidence]}];
    }
    return [];
  },
};

export const DNS_RULES: readonly Rule[] = [LOOKUP_FAILED].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
