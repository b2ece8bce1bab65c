/**
 * Nodes: the Ready condition (and who wrote it: the kubelet's `KubeletNotReady` or the node
 * controller's `NodeStatusUnknown`), the pressure conditions and their taints, and cordoning.
 */
import type {Facts} from '../facts';
import {josa, named} from './words';
import {distinct, eventsOf, objectsOf, pointAt, subjectOf, type Finding, type Rule} from './types';

const NOT_READY: Rule = {
  id: 'node/not-ready',
  pages: ['node-notready'],
  run(facts) {
    const findings: Finding[] = [];
    for (const node of objectsOf(facts, 'Node')) {
      const ready = node.conditions.find((c) => c.type === 'Ready');
      const status = node.fields.STATUS;
      if (ready && ready.status !== 'True') {
        const why = ready.message ?? '';
        findings.push({
          rule: this.id,
          page: 'node-notready',
          strength: 94,
          subject: subjectOf(node),
          text: {
            en: `${named('Node', node.name).en} is not Ready (Ready ${ready.status}${ready.reason ? `, ${ready.reason}` : ''})${why ? `: ${why}` : ''}`,
            ko: `${named('Node', node.name, '이/가').ko} Ready가 아닙니다(Ready ${ready.status}${ready.reason ? `, ${ready.reason}` : ''})${why ? `: ${why}` : '.'}`,
          },
          evidence: [pointAt(ready.evidence, ready.reason)],
        });
      } else if (status && /^NotReady|^Unknown/.test(status.value)) {
        findings.push({
          rule: this.id,
          page: 'node-notready',
          strength: 88,
          subject: subjectOf(node),
          text: {en: `${named('Node', node.name).en} is ${status.value}`, ko: `${named('Node', node.name, '이/가').ko} ${status.value} 상태입니다.`},
          evidence: [pointAt(status.evidence, status.value)],
        });
      }
    }
    if (findings.length === 0) {
      const event = eventsOf(facts, ['Node'], ['NodeNotReady']).find((e) => /status is now: NodeNotReady/.test(e.message));
      if (event) {
        const name = /Node (\S+) status/.exec(event.message)?.[1] ?? event.objectName;
        findings.push({
          rule: this.id,
          page: 'node-notready',
          strength: 85,
          subject: name ? `Node ${name}` : undefined,
          text: {en: `${named('Node', name).en} went NotReady`, ko: `${named('Node', name, '이/가').ko} NotReady가 되었습니다.`},
          evidence: [pointAt(event.evidence, 'NodeNotReady')],
        });
      }
    }
    return findings;
  },
};

const PRESSURE_TAINTS: Record<string, string> = {
  'node.kubernetes.io/memory-pressure': 'MemoryPressure',
  'node.kubernetes.io/disk-pressure': 'DiskPressure',
  'node.kubernetes.io/pid-pressure': 'PIDPressure',
};
const PRESSURE_WORDS: Record<string, {en: string; ko: string}> = {
  MemoryPressure: {en: 'memory', ko: '메모리'},
  DiskPressure: {en: 'disk space', ko: '디스크 공간'},
  PIDPressure: {en: 'process IDs', ko: 'PID'},
};

const PRESSURE: Rule = {
  id: 'node/pressure',
  pages: ['evicted-node-pressure'],
  run(facts) {
    const findings: Finding[] = [];
    for (const node of objectsOf(facts, 'Node')) {
      const under = node.conditions.filter((c) => c.type in PRESSURE_WORDS && c.status === 'True');
      const tainted = node.taints.map((t) => PRESSURE_TAINTS[t.split(/[=:]/)[0]]).filter(Boolean);
      const kinds = [...new Set([...under.map((c) => c.type), ...tainted])];
      if (kinds.length === 0) continue;
      findings.push({
        rule: this.id,
        page: 'evicted-node-pressure',
        strength: 90,
        subject: subjectOf(node),
        text: {
          en: `${named('Node', node.name).en} is short of ${kinds.map((k) => PRESSURE_WORDS[k].en).join(' and ')} (${kinds.join(', ')}): the kubelet evicts Pods and the node takes no new ones`,
          ko: `${named('Node', node.name, '의').ko} ${josa(kinds.map((k) => PRESSURE_WORDS[k].ko).join(', '), '이/가')} 부족합니다(${kinds.join(', ')}). kubelet이 Pod를 eviction하고 새 Pod를 받지 않습니다.`,
        },
        evidence: under.length > 0 ? under.map((c) => pointAt(c.evidence, c.type)) : [{line: node.taints.find((t) => PRESSURE_TAINTS[t.split(/[=:]/)[0]])!}],
      });
    }
    if (findings.length > 0) return findings;
    const event = eventsOf(facts, ['Node'], ['EvictionThresholdMet', 'NodeHasDiskPressure', 'NodeHasInsufficientMemory', 'NodeHasInsufficientPID'])[0];
    if (event) {
      findings.push({
        rule: this.id,
        page: 'evicted-node-pressure',
        strength: 84,
        subject: event.objectName ? `Node ${event.objectName}` : undefined,
        text: {en: `The node reports resource pressure (${event.reason}): the kubelet starts evicting Pods`, ko: `노드가 리소스 압박을 보고합니다(${event.reason}). kubelet이 Pod eviction을 시작합니다.`},
        evidence: [pointAt(event.evidence, event.message)],
      });
    }
    return findings;
  },
};

const CORDONED: Rule = {
  id: 'node/cordoned',
  pages: ['pending'],
  run(facts) {
    return objectsOf(facts, 'Node')
      .map((node) => ({node, mark: node.fields.Unschedulable?.value === 'true' ? node.fields.Unschedulable : node.fields.STATUS?.value.includes('SchedulingDisabled') ? node.fields.STATUS : undefined}))
      .filter(({mark}) => mark)
      .map(({node, mark}) => ({
        rule: this.id,
        page: 'pending',
        strength: 50,
        subject: subjectOf(node),
        text: {en: `${named('Node', node.name).en} is cordoned: the scheduler places no new Pods on it`, ko: `${named('Node', node.name, '이/가').ko} cordon되어 있어 스케줄러가 새 Pod를 배치하지 않습니다.`},
        evidence: [pointAt(mark!.evidence, mark!.value.includes('SchedulingDisabled') ? 'SchedulingDisabled' : 'true')],
      }));
  },
};

export const NODE_RULES: readonly Rule[] = [NOT_READY, PRESSURE, CORDONED].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
