/**
 * Prometheus alert names in a paste: alone (`KubePodCrashLooping`), in Alertmanager's default
 * notification title (`[FIRING:1] KubePodCrashLooping (default web-0 warning)`), or as a label
 * (`alertname="KubePodCrashLooping"`, `alertname = KubePodCrashLooping`).
 */
import {ALERTS} from '../../data/tags';
import type {AlertFact} from '../facts';
import {evidenceOf} from '../facts';

const KNOWN = new Set(Object.keys(ALERTS));
/** Alertmanager's `{{ template "__subject" . }}`: `[FIRING:N] AlertName (labels…)`. */
const SUBJECT = /\[(FIRING|RESOLVED)(?::\d+)?\]\s+([A-Za-z][A-Za-z0-9_]*)/;
const LABEL = /alertname\s*[=:]\s*"?([A-Za-z][A-Za-z0-9_]*)"?/;
const NAME_TOKEN = /[A-Za-z][A-Za-z0-9_]{5,}/g;

/** Words every known alert name starts with or holds; a line without one names no alert. */
const MAYBE_ALERT = /Kube|etcd|CoreDNS|Node[A-Z]|CPUThrottling|alertname|FIRING|RESOLVED/;

export function readAlerts(line: string): AlertFact[] {
  if (!MAYBE_ALERT.test(line)) return [];
  const text = line.trim();
  const found = new Map<string, AlertFact>();
  const subject = SUBJECT.exec(text);
  if (subject) {
    found.set(subject[2], {
      name: subject[2],
      state: subject[1] === 'FIRING' ? 'firing' : 'resolved',
      known: KNOWN.has(subject[2]),
      evidence: evidenceOf(text, subject[2]),
    });
  }
  const label = LABEL.exec(text);
  if (label && !found.has(label[1])) found.set(label[1], {name: label[1], known: KNOWN.has(label[1]), evidence: evidenceOf(text, label[1])});
  for (const m of text.matchAll(NAME_TOKEN)) {
    if (KNOWN.has(m[0]) && !found.has(m[0])) found.set(m[0], {name: m[0], known: true, evidence: {line: text, span: [m.index, m.index + m[0].length]}});
  }
  return [...found.values()];
}
