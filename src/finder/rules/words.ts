/**
 * How findings name things in each language. English says `Pod web-0`; Korean says `web-0 Pod가`,
 * with the particle that fits how the kind is read aloud (Pod 파드 → 가, Job 잡 → 이): the site
 * keeps resource kinds in English in Korean prose, and the particle follows the pronunciation.
 */
import type {ObjectKind} from '../facts';
import type {Localized} from './types';

const SHORT: Partial<Record<ObjectKind, string>> = {PersistentVolumeClaim: 'PVC', HorizontalPodAutoscaler: 'HPA'};
/** Kinds whose Korean reading ends in a consonant (셋, 잡). */
const ENDS_IN_CONSONANT = new Set<string>(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export type Particle = '이/가' | '은/는' | '을/를' | '의' | '에' | '';

function particle(endsInConsonant: boolean, p: Particle): string {
  switch (p) {
    case '이/가':
      return endsInConsonant ? '이' : '가';
    case '은/는':
      return endsInConsonant ? '은' : '는';
    case '을/를':
      return endsInConsonant ? '을' : '를';
    default:
      return p;
  }
}

/** Digits read in Korean (영, 일, 이, 삼…): which end in a consonant. */
const DIGIT_ENDS_IN_CONSONANT = [true, true, false, true, false, false, true, true, true, false];
/** Latin letters whose Korean letter name ends in a consonant (엘, 엠, 엔). */
const LETTER_ENDS_IN_CONSONANT = new Set(['l', 'm', 'n']);

/** Whether a word, read aloud in Korean, ends in a consonant: it decides 이/가, 은/는, 을/를. */
export function endsInConsonant(word: string): boolean {
  const last = word.replace(/[^\p{L}\p{N}]+$/u, '').slice(-1);
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (/\d/.test(last)) return DIGIT_ENDS_IN_CONSONANT[Number(last)];
  return LETTER_ENDS_IN_CONSONANT.has(last.toLowerCase());
}

/** `word` with the particle that fits it: josa('ConfigMap app-config', '이/가') → `ConfigMap app-config가`. */
export function josa(word: string, p: Particle): string {
  return `${word}${particle(endsInConsonant(word), p)}`;
}

export function kindLabel(kind: ObjectKind): string {
  return SHORT[kind] ?? kind;
}

/** `Pod web-0` / `web-0 Pod가`. */
export function named(kind: ObjectKind, name: string | undefined, p: Particle = ''): Localized {
  const label = kindLabel(kind);
  return {
    en: name ? `${label} ${name}` : `The ${label}`,
    ko: `${name ? `${name} ` : ''}${label}${particle(ENDS_IN_CONSONANT.has(kind), p)}`,
  };
}

/** `Container app` / `app 컨테이너가`. */
export function containerNamed(name: string | undefined, p: Particle = ''): Localized {
  return {en: name ? `Container ${name}` : 'A container', ko: `${name ? `${name} ` : ''}컨테이너${particle(false, p)}`};
}

/** `4 restarts` / `재시작 4회`. */
export function restarts(count: number | undefined): Localized {
  if (count === undefined) return {en: '', ko: ''};
  return {en: `, ${count} restart${count === 1 ? '' : 's'}`, ko: ` 재시작 ${count}회.`};
}

/** What an exit code says, where it says something on its own (see the exit-codes reference page). */
export function exitMeaning(code: number | undefined): Localized | null {
  switch (code) {
    case 0:
      return {en: 'the process finished normally', ko: '프로세스가 정상 종료됨'};
    case 126:
      return {en: 'the command is not executable', ko: '명령을 실행할 수 없음'};
    case 127:
      return {en: 'the command was not found', ko: '명령을 찾지 못함'};
    case 137:
      return {en: 'killed by SIGKILL', ko: 'SIGKILL로 종료됨'};
    case 139:
      return {en: 'segmentation fault (SIGSEGV)', ko: 'segmentation fault(SIGSEGV)'};
    case 143:
      return {en: 'stopped by SIGTERM', ko: 'SIGTERM으로 종료됨'};
    default:
      return null;
  }
}

export function join(...parts: Localized[]): Localized {
  return {en: parts.map((p) => p.en).join(''), ko: parts.map((p) => p.ko).join('')};
}
