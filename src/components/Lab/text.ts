import {translate} from '@docusaurus/Translate';
import {GenericCheckCode, type Locale} from '@site/labs/runner/src/protocol';
import type {LabData} from '@site/src/plugins/lab-data';

/** The sentence for a failure code a check printed, in the reader's language. */
export function failureText(lab: LabData, code: string, locale: Locale): string {
  const own = lab.failures[code];
  if (own) return own[locale];
  if (code === GenericCheckCode.TimedOut) {
    return translate({id: 'lab.check.timeout', message: 'The check ran out of time. The cluster may be slow; check again in a moment.'});
  }
  return translate({id: 'lab.check.generic', message: 'This task is not fixed yet.'});
}

/** 75_000 → "1:15"; 3_725_000 → "1:02:05". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
