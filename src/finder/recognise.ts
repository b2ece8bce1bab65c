/**
 * What the reader recognised in a paste, said in a line per thing, in both languages: shown when
 * nothing on the site matches ("a Pod in Pending, no scheduler event"), so the reader sees the
 * paste was read and not ignored.
 */
import type {Facts, ObjectFacts, PasteFormat} from './facts';
import type {Finding, Localized} from './rules/types';
import {kindLabel} from './rules/words';

const FORMAT_NAMES: Record<PasteFormat, Localized> = {
  describe: {en: 'kubectl describe', ko: 'kubectl describe'},
  'get-table': {en: 'kubectl get', ko: 'kubectl get'},
  'get-events': {en: 'kubectl get events', ko: 'kubectl get events'},
  yaml: {en: 'YAML', ko: 'YAML'},
  json: {en: 'JSON', ko: 'JSON'},
  klog: {en: 'klog log lines', ko: 'klog 로그'},
  'json-log': {en: 'JSON log lines', ko: 'JSON 로그'},
  logfmt: {en: 'logfmt log lines', ko: 'logfmt 로그'},
  tracing: {en: 'tracing log lines', ko: 'tracing 로그'},
  alertmanager: {en: 'an Alertmanager notification', ko: 'Alertmanager 알림'},
  'python-traceback': {en: 'a Python traceback', ko: 'Python traceback'},
  'js-stack': {en: 'a JavaScript stack trace', ko: 'JavaScript 스택 트레이스'},
};

function statusOf(object: ObjectFacts): string | undefined {
  return object.fields.STATUS?.value ?? object.fields.Status?.value;
}

function describeObject(object: ObjectFacts, facts: Facts): Localized {
  const name = object.name ? ` ${object.name}` : '';
  const kind = kindLabel(object.kind);
  const status = statusOf(object);
  const parts: Localized[] = [];
  if (status) parts.push({en: status, ko: status});
  for (const c of object.containers) {
    const state = c.state?.reason ?? c.state?.state;
    const last = c.lastState?.reason ? `, last ${c.lastState.reason}${c.lastState.exitCode !== undefined ? ` (exit ${c.lastState.exitCode})` : ''}` : '';
    const lastKo = c.lastState?.reason ? `, 직전 ${c.lastState.reason}${c.lastState.exitCode !== undefined ? `(exit ${c.lastState.exitCode})` : ''}` : '';
    if (state || last) parts.push({en: `container ${c.name || '?'} ${state ?? ''}${last}`.replace(/\s+,/, ','), ko: `${c.name || '?'} 컨테이너 ${state ?? ''}${lastKo}`.replace(/\s+,/, ',')});
  }
  const notTrue = object.conditions.filter((c) => (c.type === 'Ready' || c.type === 'PodScheduled' || c.type === 'Progressing' || c.type === 'Available') ? c.status !== 'True' : c.status === 'True' && /Pressure$|^ReplicaFailure$|^Failed$/.test(c.type));
  for (const c of notTrue) parts.push({en: `${c.type} ${c.status}${c.reason ? ` (${c.reason})` : ''}`, ko: `${c.type} ${c.status}${c.reason ? `(${c.reason})` : ''}`});
  if (object.kind === 'Pod' && status === 'Pending' && !facts.events.some((e) => e.reason === 'FailedScheduling')) {
    parts.push({en: 'no scheduler event', ko: '스케줄러 이벤트 없음'});
  }
  if (object.fields.Endpoints?.value === '<none>') parts.push({en: 'Endpoints <none>', ko: 'Endpoints <none>'});
  const detail = parts.length > 0 ? `: ${parts.map((p) => p.en).join('; ')}` : '';
  const detailKo = parts.length > 0 ? `: ${parts.map((p) => p.ko).join('; ')}` : '';
  return {en: `a ${kind}${name}${detail}`, ko: `${kind}${name}${detailKo}`};
}

/** One line per thing the paste holds, most telling first; at most `max`. */
export function recognise(facts: Facts, findings: readonly Finding[], max = 8): Localized[] {
  const out: Localized[] = [];
  for (const object of facts.objects.slice(0, 4)) out.push(describeObject(object, facts));
  if (facts.objects.length > 4) out.push({en: `${facts.objects.length - 4} more objects`, ko: `객체 ${facts.objects.length - 4}개 더`});
  const warnings = facts.events.filter((e) => e.type === 'Warning');
  if (facts.events.length > 0) {
    const reasons = [...new Set(warnings.map((e) => e.reason))].slice(0, 5).join(', ');
    out.push({
      en: `${facts.events.length} event${facts.events.length === 1 ? '' : 's'}${warnings.length ? `, ${warnings.length} Warning (${reasons})` : ''}`,
      ko: `이벤트 ${facts.events.length}개${warnings.length ? `, Warning ${warnings.length}개(${reasons})` : ''}`,
    });
  }
  const structured = facts.logs.filter((l) => l.format !== 'plain');
  const errors = facts.logs.filter((l) => l.level === 'error' || l.level === 'fatal');
  if (structured.length > 0) {
    const format = FORMAT_NAMES[structured[0].format === 'json' ? 'json-log' : (structured[0].format as PasteFormat)];
    out.push({
      en: `${structured.length} ${format.en}${errors.length ? `, ${errors.length} at error level` : ''}`,
      ko: `${format.ko} ${structured.length}줄${errors.length ? `, error 수준 ${errors.length}줄` : ''}`,
    });
  }
  for (const alert of facts.alerts) {
    out.push(
      alert.known
        ? {en: `alert ${alert.name}${alert.state ? ` (${alert.state})` : ''}`, ko: `알림 ${alert.name}${alert.state ? `(${alert.state})` : ''}`}
        : {en: `alert ${alert.name}, which no page here lists`, ko: `알림 ${alert.name}(이 사이트의 어느 페이지에도 없음)`},
    );
  }
  for (const format of facts.formats) {
    if (format === 'python-traceback' || format === 'js-stack') out.push(FORMAT_NAMES[format]);
  }
  for (const finding of findings) {
    if (!out.some((o) => o.en === finding.text.en)) out.push(finding.text);
  }
  return out.slice(0, max);
}
