/**
 * HorizontalPodAutoscalers: a metric it cannot read (`<unknown> / 50%`, ScalingActive False with
 * FailedGetResourceMetric), and an autoscaler held at its maximum (ScalingLimited TooManyReplicas).
 * Messages as the HPA controller writes them (pkg/controller/podautoscaler).
 */
import type {Evidence, Facts} from '../facts';
import {named} from './words';
import {distinct, eventsOf, findMessage, messagesOf, objectsOf, pointAt, subjectOf, type Finding, type Localized, type Rule} from './types';

const CAUSES: {re: RegExp; text: Localized}[] = [
  {re: /missing request for (\w+)/, text: {en: 'a container of the target has no resource request, so utilisation has no base', ko: '대상의 컨테이너에 resource request가 없어 사용률을 계산할 수 없습니다'}},
  {
    re: /unable to fetch metrics from resource metrics API|the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)|the server is currently unable to handle the request \(get pods\.metrics\.k8s\.io\)/,
    text: {en: 'the resource metrics API does not answer: metrics-server is missing or not ready', ko: 'resource metrics API가 응답하지 않습니다. metrics-server가 없거나 준비되지 않았습니다'},
  },
  {re: /did not receive metrics for targeted pods|no metrics returned from resource metrics API/, text: {en: 'metrics-server returns no metrics for the target Pods yet', ko: 'metrics-server가 대상 Pod의 지표를 아직 돌려주지 않습니다'}},
];
const METRIC_TROUBLE = /failed to get (?:\w+ )?(?:utilization|usage|metric)|FailedGetResourceMetric|FailedComputeMetricsReplicas|missing request for \w+|unable to fetch metrics from resource metrics API/;

const UNKNOWN_METRICS: Rule = {
  id: 'hpa/unknown-metrics',
  pages: ['hpa-not-scaling'],
  run(facts) {
    const messages = messagesOf(facts);
    const cause = CAUSES.map((c) => ({c, hit: findMessage(messages, c.re)})).find((x) => x.hit);
    const because: Localized = cause ? {en: `: ${cause.c.text.en}`, ko: ` ${cause.c.text.ko}.`} : {en: '', ko: ''};
    const findings: Finding[] = [];
    for (const hpa of objectsOf(facts, 'HorizontalPodAutoscaler')) {
      const unknown: Evidence | undefined =
        hpa.metrics.find((m) => m.line.includes('<unknown>')) ?? (hpa.fields.TARGETS?.value.includes('<unknown>') ? pointAt(hpa.fields.TARGETS.evidence, '<unknown>') : undefined);
      const inactive = hpa.conditions.find((c) => c.type === 'ScalingActive' && c.status === 'False');
      if (!unknown && !inactive) continue;
      findings.push({
        rule: this.id,
        page: 'hpa-not-scaling',
        strength: 90,
        subject: subjectOf(hpa),
        text: {
          en: `${named('HorizontalPodAutoscaler', hpa.name).en} cannot read its metric${unknown ? ' (<unknown>)' : ''}${inactive?.reason ? `, ScalingActive False (${inactive.reason})` : ''}, so it does not scale${because.en}`,
          ko: `${named('HorizontalPodAutoscaler', hpa.name, '이/가').ko} 지표를 읽지 못해${unknown ? '(<unknown>)' : ''} 스케일하지 않습니다${inactive?.reason ? `(ScalingActive False, ${inactive.reason})` : ''}.${because.ko}`,
        },
        evidence: [unknown ? pointAt(unknown, '<unknown>') : pointAt(inactive!.evidence, inactive!.reason), ...(cause?.hit ? [cause.hit.evidence] : [])],
      });
    }
    if (findings.length > 0) return findings;
    const event = eventsOf(facts, ['HorizontalPodAutoscaler'], ['FailedGetResourceMetric', 'FailedComputeMetricsReplicas', 'FailedGetPodsMetric'])[0];
    const hit = event ? {evidence: event.evidence} : findMessage(messages, METRIC_TROUBLE);
    if (hit) {
      findings.push({
        rule: this.id,
        page: 'hpa-not-scaling',
        strength: 86,
        subject: event?.objectName ? `HorizontalPodAutoscaler ${event.objectName}` : undefined,
        text: {en: `The autoscaler cannot read its metric, so it does not scale${because.en}`, ko: `HPA가 지표를 읽지 못해 스케일하지 않습니다.${because.ko}`},
        evidence: [hit.evidence, ...(cause?.hit && cause.hit.evidence.line !== hit.evidence.line ? [cause.hit.evidence] : [])],
      });
    }
    return findings;
  },
};

const AT_MAXIMUM: Rule = {
  id: 'hpa/at-maximum',
  pages: ['hpa-not-scaling'],
  run(facts) {
    return objectsOf(facts, 'HorizontalPodAutoscaler').flatMap((hpa) => {
      const limited = hpa.conditions.find((c) => c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'TooManyReplicas');
      const max = hpa.fields.MAXPODS?.value ?? /\d+/.exec(hpa.fields['Max replicas']?.value ?? '')?.[0];
      const current = hpa.fields.REPLICAS?.value;
      const atMax = limited || (max && current && max === current);
      if (!atMax) return [];
      return [
        {
          rule: this.id,
          page: 'hpa-not-scaling',
          strength: 62,
          subject: subjectOf(hpa),
          text: {
            en: `${named('HorizontalPodAutoscaler', hpa.name).en} is at its maximum${max ? ` of ${max} replicas` : ''} and will not add more`,
            ko: `${named('HorizontalPodAutoscaler', hpa.name, '이/가').ko} 최대 replica${max ? ` ${max}개` : ''}에 도달해 더 늘리지 않습니다.`,
          },
          evidence: [limited ? pointAt(limited.evidence, 'TooManyReplicas') : hpa.fields.REPLICAS!.evidence],
        },
      ];
    });
  },
};

export const HPA_RULES: readonly Rule[] = [UNKNOWN_METRICS, AT_MAXIMUM].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
