/**
 * Turns what was typed into the words the full-text tier looks up: tokens split on anything but
 * letters and digits, stop words and fillers dropped, Korean words stemmed and mapped to the
 * Kubernetes terms the pages use, and the symptoms the words name. The same reading feeds the
 * top-bar search (src/search/search-by-worker.ts).
 */
import {hangulShare, hasHangul, readKorean, stemKorean, type KoreanReading} from './korean';
import {isStopWord} from './stopwords';

export type QueryReading = {
  /** Terms for the full-text tier, most telling first. */
  terms: string[];
  /** Symptoms named in words (Korean phrases, `out of memory`). */
  symptoms: string[];
  /** Over half the letters are Hangul. */
  korean: boolean;
  /** Korean words and what they were read as. */
  mapped: {from: string; to: string}[];
  /** What the top-bar search is given instead of the typed text; empty when it keeps the text. */
  search: string;
};

/** Past this a paste is read from its first part only. */
const MAX_READ_CHARS = 16 * 1024;
/** Phrases are looked for in queries, not in logs. */
const MAX_PHRASE_CHARS = 2000;

/** English phrases that name a symptom without its status word. */
const ENGLISH_PHRASES: {re: RegExp; symptoms: string[]; terms: string[]}[] = [
  {re: /\bout of memory\b|\bOOM\b/i, symptoms: ['OOMKilled'], terms: ['oomkilled']},
  {re: /\bkeeps? (?:crashing|restarting|dying)\b|\brestart(?:s|ing)? (?:over and over|in a loop|loop)\b|\bcrash ?loop/i, symptoms: ['CrashLoopBackOff'], terms: ['crashloopbackoff']},
  {re: /\bstuck (?:in )?terminating\b|\bwon'?t (?:delete|go away)\b/i, symptoms: ['Terminating'], terms: ['terminating']},
  {re: /\bstuck (?:in )?pending\b|\bnot (?:getting )?scheduled\b/i, symptoms: ['Pending'], terms: ['pending']},
  {re: /\b(?:can'?t|cannot|unable to|fails? to) pull\b/i, symptoms: ['ImagePullBackOff'], terms: ['imagepullbackoff']},
  {re: /\bcert(?:ificate)? (?:has )?expired\b/i, symptoms: ['CertificateError'], terms: ['x509']},
  {re: /\bno endpoints\b/i, symptoms: ['NoEndpoints'], terms: ['endpoints']},
];

/** Words split as the index splits them: on anything that is not a letter, digit or underscore. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

/** Like tokenize, but a Latin word with Korean attached (`Pending에서`) is two tokens: statuses are found in it. */
export function tokenizeScripts(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+|(?<=[A-Za-z0-9])(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])(?=[A-Za-z0-9])/u).filter(Boolean);
}

/** A term worth looking up: not a number, a hash or a Pod-name suffix. */
/** Words with digits that still mean something; other mixes (`6jrm6`, `15t22`, `v2`) are names, hashes and times. */
const DIGIT_WORDS = new Set(['x509', 'k8s', 'ipv4', 'ipv6', 'http2', 'sha256']);

function isTelling(term: string): boolean {
  return term.length >= 2 && (!/\d/.test(term) || DIGIT_WORDS.has(term));
}

/**
 * Reads a query or a paste. `maxTerms` bounds the lookup: a long log is represented by its most
 * frequent telling words, a short query by all of them in order.
 */
export function readQuery(fullText: string, maxTerms: number): QueryReading {
  // A long log's frequent words are in its first part as much as in the whole.
  const text = fullText.length > MAX_READ_CHARS ? fullText.slice(0, MAX_READ_CHARS) : fullText;
  const hangul = hasHangul(text);
  const korean: KoreanReading = hangul ? readKorean(text, isStopWord) : {stems: [], terms: [], symptoms: [], search: [], mapped: []};
  const symptoms = [...korean.symptoms];
  const phraseTerms: string[] = [];
  // Phrases describe a symptom in a sentence; a log is not one.
  for (const phrase of text.length <= MAX_PHRASE_CHARS ? ENGLISH_PHRASES : []) {
    if (!phrase.re.test(text)) continue;
    for (const s of phrase.symptoms) if (!symptoms.includes(s)) symptoms.push(s);
    phraseTerms.push(...phrase.terms);
  }
  const tokens = tokenize(text);
  const counts = new Map<string, {count: number; first: number}>();
  tokens.forEach((token, position) => {
    const term = stemKorean(token);
    if (!isTelling(term) || isStopWord(term)) return;
    const seen = counts.get(term);
    counts.set(term, {count: (seen?.count ?? 0) + 1, first: seen?.first ?? position});
  });
  const typed = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .map(([term]) => term);
  const terms: string[] = [];
  for (const t of [...korean.terms, ...phraseTerms, ...typed]) if (!terms.includes(t)) terms.push(t);
  const isKorean = hangul && hangulShare(text) > 0.5;
  if (!hangul) return {terms: terms.slice(0, maxTerms), symptoms, korean: false, mapped: [], search: ''};
  // Latin words typed beside Korean ones (`Pod가 Pending`) are kept as typed for the top bar.
  const latin = tokens
    .map((t) => /^[A-Za-z][\w-]*/.exec(t)?.[0])
    .filter((t): t is string => !!t && !isStopWord(t.toLowerCase()));
  const searchTerms: string[] = [];
  for (const term of [...latin, ...korean.search]) if (!searchTerms.some((t) => t.toLowerCase() === term.toLowerCase())) searchTerms.push(term);
  const search = korean.stems.length > 0 ? searchTerms.join(' ') : '';
  return {terms: terms.slice(0, maxTerms), symptoms, korean: isKorean, mapped: korean.mapped, search};
}
