/**
 * Jobs: the Failed condition the Job controller writes (`BackoffLimitExceeded`: "Job has reached
 * the specified backoff limit"; `DeadlineExceeded`: "Job was active longer than specified
 * deadline"), its events, and a `get jobs` row in Failed.
 */
import type {Facts} from '../facts';
import {named} from './words';
import {distinct, eventsOf, findMessage, messagesOf, objectsOf, pointAt, subjectOf, type Finding, type Localized, type Rule} from './types';

const REASONS: Record<string, {re: RegExp; text: Localized}> = {
  BackoffLimitExceeded: {re: /Job has reached the specified backoff limit/, text: {en: 'its Pods failed more times than backoffLimit allows', ko: 'Pod 실패 횟수가 backoffLimit을 넘었습니다'}},
  DeadlineExceeded: {re: /Job was active longer than specified deadline/, text: {en: 'it ran longer than activeDeadlineSeconds', ko: 'activeDeadlineSeconds보다 오래 실행되었습니다'}},
};

const FAILED: Rule = {
  id: 'job/failed',
  pages: ['job-failed'],
  run(facts) {
    const findings: Finding[] = [];
    for (const job of objectsOf(facts, 'Job')) {
      const failed = job.conditions.find((c) => c.type === 'Failed' && c.status === 'True');
      const statuses = job.fields['Pods Statuses']?.value;
      const failedPods = statuses ? /(\d+) Failed/.exec(statuses)?.[1] : undefined;
      const row = job.fields.STATUS?.value === 'Failed' ? job.fields.STATUS : undefined;
      const reason = failed?.reason && REASONS[failed.reason] ? failed.reason : eventsOf(facts, ['Job'], Object.keys(REASONS))[0]?.reason;
      if (!failed && !row && !reason && !(failedPods && Number(failedPods) > 0)) continue;
      const why = reason ? REASONS[reason].text : null;
      findings.push({
        rule: this.id,
        page: 'job-failed',
        strength: reason ? 92 : 75,
        subject: subjectOf(job),
        text: {
          en: `${named('Job', job.name).en} failed${reason ? ` (${reason}): ${why!.en}` : ''}${failedPods ? `; ${failedPods} failed Pods` : ''}`,
          ko: `${named('Job', job.name, '이/가').ko} 실패했습니다${reason ? `(${reason}). ${why!.ko}` : ''}${failedPods ? `. 실패한 Pod ${failedPods}개` : ''}.`,
        },
        evidence: [failed ? pointAt(failed.evidence, failed.reason) : row ? pointAt(row.evidence, 'Failed') : job.fields['Pods Statuses']?.evidence ?? {line: ''}].filter((e) => e.line),
      });
    }
    if (findings.length > 0) return findings;
    for (const [reason, {re, text}] of Object.entries(REASONS)) {
      const event = eventsOf(facts, ['Job'], [reason])[0];
      const hit = event ? {evidence: pointAt(event.evidence, event.message), m: null} : findMessage(messagesOf(facts), re);
      if (!hit) continue;
      findings.push({
        rule: this.id,
        page: 'job-failed',
        strength: 90,
        subject: event?.objectName ? `Job ${event.objectName}` : undefined,
        text: {en: `The Job failed (${reason}): ${text.en}`, ko: `Job이 실패했습니다(${reason}). ${text.ko}.`},
        evidence: [hit.evidence],
      });
    }
    return findings;
  },
};

export const JOB_RULES: readonly Rule[] = [FAILED].map((rule) => ({...rule, run: (facts: Facts) => distinct(rule.run.call(rule, facts))}));
