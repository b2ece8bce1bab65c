/**
 * The finder's answer as plain text, for `npm run find`: findings, then pages with their full
 * URLs, or a plain "nothing here matches" with what was recognised and where to look instead.
 */
import {PAGE_TYPES, labelOf} from '../data/tags';
import type {FinderAnswer} from './finder';
import type {FinderIndex} from './match';

export type ReportOptions = {locale: 'en' | 'ko'; baseUrl: string};

const WORDS = {
  en: {
    findings: 'Findings',
    pages: 'Pages, best first',
    matched: 'matched',
    firstStep: 'first step',
    evidence: 'seen in',
    notOnSite: 'no page on the site covers this yet',
    nothing: 'Nothing on this site matches what was given.',
    recognised: 'Recognised',
    browse: 'Browse the runbooks',
    search: 'Full-text search',
    korean: 'This looks like Korean; the Korean site may answer better',
  },
  ko: {
    findings: '발견한 것',
    pages: '관련 페이지 (관련도 순)',
    matched: '일치',
    firstStep: '첫 단계',
    evidence: '근거',
    notOnSite: '아직 이 내용을 다루는 페이지가 없습니다',
    nothing: '이 사이트에는 입력한 내용과 맞는 페이지가 없습니다.',
    recognised: '인식한 내용',
    browse: '런북 목록',
    search: '전체 검색',
    korean: '한국어 입력입니다. 한국어 사이트에서 더 잘 찾을 수 있습니다',
  },
} as const;

function join(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

function shown(line: string | undefined, span: [number, number] | undefined): string {
  if (!line) return '';
  if (!span) return line.length > 120 ? `${line.slice(0, 117)}…` : line;
  const start = Math.max(0, span[0] - 30);
  const end = Math.min(line.length, span[1] + 30);
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

/** The report, one line per item; `index` resolves a finding's page to its URL. */
export function formatReport(answer: FinderAnswer, index: FinderIndex, options: ReportOptions): string {
  const w = WORDS[options.locale];
  const out: string[] = [];
  const localePrefix = options.locale === 'ko' ? '/ko' : '';
  if (answer.findings.length > 0) {
    out.push(`${w.findings}:`);
    answer.findings.forEach((f, n) => {
      const i = index.byId.get(f.page);
      const entry = i === undefined ? undefined : index.entries[i];
      out.push(`  ${n + 1}. ${f.text[options.locale]}`);
      out.push(`     → ${entry ? `${entry.title}  ${join(options.baseUrl, entry.url)}` : `${f.page} (${w.notOnSite})`}`);
      const e = f.evidence[0];
      if (e) out.push(`     ${w.evidence}: ${shown(e.line, e.span)}`);
    });
    out.push('');
  }
  if (answer.results.length > 0) {
    out.push(`${w.pages}:`);
    answer.results.forEach((r, n) => {
      out.push(`  ${n + 1}. [${labelOf(PAGE_TYPES, r.entry.type, options.locale)}] ${r.entry.title}`);
      out.push(`     ${join(options.baseUrl, r.entry.url)}`);
      const what = r.terms?.join(', ') ?? shown(r.line, r.span);
      if (what) out.push(`     ${w.matched}: ${what}`);
      if (r.entry.fix) out.push(`     ${w.firstStep}: ${r.entry.fix}`);
    });
  }
  if (answer.findings.length === 0 && answer.results.length === 0) {
    out.push(w.nothing);
    if (answer.recognised.length > 0) out.push(`${w.recognised}: ${answer.recognised.map((r) => r[options.locale]).join('; ')}`);
    out.push(`${w.browse}: ${join(options.baseUrl, `${localePrefix}/runbooks`)}`);
    const q = answer.input.text.trim().slice(0, 200);
    out.push(`${w.search}: ${join(options.baseUrl, `${localePrefix}/search?q=${encodeURIComponent(answer.reading.search || q)}`)}`);
  }
  if (answer.koreanOnOtherLocale) {
    out.push('', `${WORDS.ko.korean}: ${join(options.baseUrl, `/ko/find?q=${encodeURIComponent(answer.input.text.trim().slice(0, 500))}`)}`);
  }
  return out.join('\n');
}
