/**
 * Services: no endpoints behind the selector (`Endpoints: <none>` in kubectl describe service),
 * and a LoadBalancer Service that never got an address (`EXTERNAL-IP <pending>`).
 */
import type {Facts} from '../facts';
import {named} from './words';
import {distinct, eventsOf, objectsOf, pointAt, subjectOf, type Finding, type Rule} from './types';

const NO_ENDPOINTS: Rule = {
  id: 'service/no-endpoints',
  pages: ['service-no-endpoints'],
  run(facts) {
    return objectsOf(facts, 'Service')
      .filter((svc) => svc.fields.Endpoints?.value === '<none>' && svc.fields.Type?.value !== 'ExternalName')
      .map((svc) => {
        const selector = svc.fields.Selector?.value;
        const hasSelector = selector && selector !== '<none>';
        return {
          rule: this.id,
          page: 'service-no-endpoints',
          strength: 88,
          subject: subjectOf(svc),
          text: {
            en: `${named('Service', svc.name).en} has no endpoints: ${hasSelector ? `no Ready Pod matches its selector ${selector}` : 'it has no selector and no EndpointSlice of its own'}`,
            ko: `${named('Service', svc.name, '에').ko} endpoint가 없습니다. ${hasSelector ? `selector ${selector}에 맞는 Ready Pod가 없습니다.` : 'selector도 직접 만든 EndpointSlice도 없습니다.'}`,
          },
          evidence: [pointAt(svc.fields.Endpoints!.evidence, '<none>'), ...(hasSelector ? [svc.fields.Selector!.evidence] : [])],
        };
      });
  },
};

const LB_PENDING: Rule = {
  id: 'service/load-balancer-pending',
  pages: ['ingress-5xx-lb-pending'],
  run(facts) {
    const failed = eventsOf(facts, ['Service'], ['SyncLoadBalancerFailed'])[0];
    const findings: Finding[] = objectsOf(facts, 'Service')
      .filter((svc) => svc.fields['EXTERNAL-IP']?.value === '<pending>' || (svc.fields.Type?.value === 'LoadBalancer' && svc.source === 'describe' && !svc.fields['LoadBalancer Ingress']))
      .map((svc) => ({
        rule: this.id,
        page: 'ingress-5xx-lb-pending',
        strength: failed ? 88 : 80,
        subject: subjectOf(svc),
        text: {
          en: `${named('Service', svc.name).en} of type LoadBalancer has no external address yet${failed ? `: ${failed.message}` : ': no controller has provisioned a load balancer for it'}`,
          ko: `LoadBalancer 타입인 ${named('Service', svc.name, '에').ko} 아직 외부 주소가 없습니다. ${failed ? failed.message : '이 Service의 로드밸런서를 만든 컨트롤러가 없습니다.'}`,
        },
        evidence: [svc.fields['EXTERNAL-IP'] ? pointAt(svc.fields['EXTERNAL-IP'].evidence, '<pending>') : svc.fields.Type!.evidence, ...(failed ? [failed.evidence] : [])],
      }));
    if (findings.length === 0 && failed) {
      findings.push({
        rule: this.id,
        page: 'ingress-5xx-lb-pending',
        strength: 84,
        subject: failed.objectName ? `Service ${failed.objectName}` : undefined,
        text: {en: `The load balancer for the Service cannot be created: ${failed.message}`, ko: `Service의 로드밸런서를 만들지 못합니다: ${failed.message}`},
        evidence: [failed.evidence],
      });
    }
    return findings;
  },
};

export const SERVICE_RULES: readonly Rule[] = [NO_ENDPOINTS, LB_PENDING].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
