/**
 * Ranking catalog pages for what was pasted (/find and `npm run find`).
 *
 * Tiers, in rank order: the pages the rules' findings lead to; runbooks listing a pasted alert
 * name; a page's own `error_patterns` matching a pasted line; a status or symptom named in the
 * paste; then full text (MiniSearch) over titles, descriptions, pattern examples and page text.
 * Every tier but the last is an exact fact. Full text is where false matches come from, so it has
 * a relevance floor: stop words never count, at least one word of the domain must match, and a
 * short query must be matched in at least half of its words. Below the floor nothing is shown.
 *
 * Nothing from the input is ever compiled as a regular expression: a paste full of `(`, `[` or
 * `*` is just text.
 */
import MiniSearch, {type SearchResult} from 'minisearch';
import type {Catalog, CatalogEntry} from '../catalog/types';
import {ALERTS, SYMPTOMS, labelOf} from '../data/tags';
import type {AlertFact} from './facts';
import type {Finding} from './rules/types';
import {requiredLiteral, requiredWord} from './literal';
import {stemKorean} from './text/korean';
import {domainLexicon} from './text/lexicon';
import {tokenize, tokenizeScripts, type QueryReading} from './text/query';
import {isStopWord} from './text/stopwords';

/** Longer pastes are cut: 64 KiB holds a whole `kubectl describe pod` plus a long log tail. */
export const MAX_INPUT_CHARS = 64 * 1024;
/** A single minified log line can be huge; the part past this never decides a match. */
const MAX_LINE_CHARS = 2000;
/** Up to this a paste is a query (all its words count); past it, a log (its most frequent words). */
export const SHORT_INPUT_CHARS = 400;
export const MAX_TERMS_SHORT = 24;
/** A paste of more lines than this is a log or a dump, not a query, whatever its length. */
const MAX_QUERY_LINES = 3;
export const MAX_TERMS_LONG = 10;
/** Typo tolerance only where a word is long enough to have one; prefixes only from 3 letters. */
const FUZZY_MIN_TERM_CHARS = 5;
const PREFIX_MIN_TERM_CHARS = 3;
/** A short query must match in this share of its words. */
const MIN_TERM_COVERAGE = 0.5;
/** Full-text hits under this share of the best one are noise. */
const MIN_RELATIVE_SCORE = 0.3;
/** Full-text results shown under exact ones, at most. */
const MAX_TEXT_UNDER_EXACT = 3;
export const DEFAULT_LIMIT = 10;

const TIER_FINDING = 6000;
const TIER_ALERT = 5000;
const TIER_PATTERN = 3000;
const TIER_SYMPTOM = 2000;
const TIER_TEXT = 0;
/** Pattern-tier weights; together they stay under the 1000 between tiers. */
const MATCH_LENGTH_CAP = 300;
const EARLY_MATCH_BONUS = 60;
const EXTRA_PATTERN_BONUS = 40;
const PRIMARY_SYMPTOM_BONUS = 120;
const CHOSEN_STATUS_BONUS = 50;
const EXTRA_SYMPTOM_BONUS = 40;
/** Runbooks answer "what do I do now": among close pattern matches they come first. */
const RUNBOOK_PATTERN_BONUS = 60;
/** An alert leads to a runbook: when its meaning is the query, runbooks weigh this much more. */
const ALERT_RUNBOOK_FACTOR = 1.5;

/**
 * Statuses too common as plain words to mean anything where they appear in running text ("Error
 * creating…", a browser's "403 Forbidden"); they still count when picked as a chip, and the
 * pages' own patterns still match them in context.
 */
const AMBIGUOUS_STATUS_WORDS = new Set(['Error', 'Forbidden', 'Unauthorized', 'Timeout', 'Degraded']);

/** Runbooks answer "what do I do now", so among equals they come first. */
const TYPE_ORDER: Record<CatalogEntry['type'], number> = {runbook: 0, lab: 1, case: 2, retro: 3, reference: 4};

export type MatchKind = 'finding' | 'alert' | 'pattern' | 'symptom' | 'text';

export type FinderResult = {
  entry: CatalogEntry;
  kind: MatchKind;
  score: number;
  /** The pasted line that matched, and the matched span inside it (for highlighting). */
  line?: string;
  span?: [number, number];
  /** Full text and words read as a symptom: the words that matched, as shown to the reader. */
  terms?: string[];
  /** The finding that led here. */
  finding?: Finding;
};

type Indexed = CatalogEntry & {symptomText: string; alertText: string; examples: string};

export type FinderIndex = {
  locale: string;
  entries: CatalogEntry[];
  byId: Map<string, number>;
  /** `literal`: text every match contains, lower case; tested before the expression. */
  patterns: {entry: number; re: RegExp; literal: string; word: string}[];
  /** Every pattern's required word: the only words whose lines the pattern tier looks up. */
  patternWords: Set<string>;
  /** Symptom as written in tags.ts (`CrashLoopBackOff`) → entries listing it. */
  symptoms: Map<string, number[]>;
  /** Alert name → runbooks listing it. */
  alerts: Map<string, number[]>;
  lexicon: Set<string>;
  search: MiniSearch<Indexed>;
};

export type PreparedInput = {text: string; lines: string[]; truncated: boolean; originalLength: number};

/** Cuts the input to MAX_INPUT_CHARS and splits it into distinct, trimmed, non-empty lines. */
export function prepareInput(raw: string): PreparedInput {
  return prepareLines(raw).input;
}

/** prepareInput, with the text's lines as split (for the structural reader, so the text is split once). */
export function prepareLines(raw: string): {input: PreparedInput; textLines: string[]} {
  const truncated = raw.length > MAX_INPUT_CHARS;
  const text = truncated ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const seen = new Set<string>();
  const lines: string[] = [];
  const textLines = text.split(/\r?\n/);
  for (const rawLine of textLines) {
    const line = rawLine.trim().slice(0, MAX_LINE_CHARS);
    if (line && !seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return {input: {text, lines, truncated, originalLength: raw.length}, textLines};
}

/** Index terms: lower case, Korean particles stripped (`Pod가` → pod, `연결이` → 연결). */
function processTerm(term: string): string | null {
  const t = stemKorean(term);
  return t.length < 2 ? null : t;
}

/** Builds the index of one locale's catalog. Patterns that do not compile are skipped (the build rejects them). */
export function buildIndex(catalog: Catalog): FinderIndex {
  const entries = catalog.entries;
  const patterns: FinderIndex['patterns'] = [];
  const symptoms = new Map<string, number[]>();
  const alerts = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const p of entry.errorPatterns) {
      try {
        const literal = requiredLiteral(p.regex);
        patterns.push({entry: i, re: new RegExp(p.regex, 'i'), literal, word: requiredWord(literal)});
      } catch {
        // An old catalog must not break the page.
      }
    }
    for (const s of entry.symptoms) symptoms.set(s, [...(symptoms.get(s) ?? []), i]);
    for (const a of entry.alerts ?? []) alerts.set(a, [...(alerts.get(a) ?? []), i]);
  });
  const search = new MiniSearch<Indexed>({
    idField: 'id',
    fields: ['title', 'description', 'symptomText', 'alertText', 'fix', 'examples', 'text'],
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions: {
      boost: {title: 4, symptomText: 3, alertText: 3, description: 2, fix: 1.5, examples: 1},
      prefix: (term: string) => term.length >= PREFIX_MIN_TERM_CHARS,
      fuzzy: (term: string) => (term.length >= FUZZY_MIN_TERM_CHARS ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  search.addAll(
    entries.map((e) => ({
      ...e,
      symptomText: e.symptoms.map((s) => `${s} ${labelOf(SYMPTOMS, s, catalog.locale)}`).join(' '),
      alertText: (e.alerts ?? []).map((a) => `${a} ${labelOf(ALERTS, a, catalog.locale)}`).join(' '),
      examples: e.errorPatterns.map((p) => p.example).join('\n'),
    })),
  );
  return {locale: catalog.locale, entries, byId: new Map(entries.map((e, i) => [e.id, i])), patterns, patternWords: new Set(patterns.map((p) => p.word).filter(Boolean)), symptoms, alerts, lexicon: domainLexicon(entries.flatMap((e) => e.errorPatterns.map((p) => p.example))), search};
}

/** What the tiers look up in a paste's lines, from one pass over each line. */
type InputWords = {
  /** The tokens that are symptoms as written (`CrashLoopBackOff`). */
  tokens: Set<string>;
  /** Each line in lower case. */
  lowered: string[];
  /** A pattern's required word, lower case → the lines that have it, in order. */
  linesWith: Map<string, number[]>;
  /** The lines containing a lower-case text (a word's part, `crashloopbackoff`, `error: `), in order. */
  linesContaining: (literal: string) => number[];
  allLines: number[];
  /** A symptom as written, also with Korean attached (`Pending에서` → `Pending`) → the first line with it. */
  firstScriptToken: Map<string, number>;
};

const HANGUL = /[\uac00-\ud7a3]/;
const LATIN_BESIDE_HANGUL = /[A-Za-z0-9][\uac00-\ud7a3]|[\uac00-\ud7a3][A-Za-z0-9]/;

/**
 * Tokenises each line once. A word's lines are found by lookup, so a 64 KB paste is not scanned
 * line by line for each of the catalog's patterns.
 */
function wordsOf(index: FinderIndex, input: PreparedInput): InputWords {
  const tokens = new Set<string>();
  const lowered: string[] = [];
  const linesWith = new Map<string, number[]>();
  const firstScriptToken = new Map<string, number>();
  const lineStarts: number[] = [];
  let at = 0;
  input.lines.forEach((line, n) => {
    const low = line.toLowerCase();
    lowered.push(low);
    lineStarts.push(at);
    at += low.length + 1;
    const hangul = HANGUL.test(line);
    for (const token of tokenize(line)) {
      // Only what a tier looks up is kept: symptoms as written, patterns' words in lower case.
      if (index.symptoms.has(token)) {
        tokens.add(token);
        if (!firstScriptToken.has(token)) firstScriptToken.set(token, n);
      } else if (hangul && LATIN_BESIDE_HANGUL.test(token)) {
        for (const part of tokenizeScripts(token)) if (index.symptoms.has(part) && !firstScriptToken.has(part)) firstScriptToken.set(part, n);
      }
      const word = token.toLowerCase();
      if (!index.patternWords.has(word)) continue;
      const lines = linesWith.get(word);
      if (!lines) linesWith.set(word, [n]);
      else if (lines[lines.length - 1] !== n) lines.push(n);
    }
  });
  // One search of the whole text finds the few lines that hold a literal (no line holds a newline).
  const text = lowered.join('\n');
  const found = new Map<string, number[]>();
  const linesContaining = (literal: string): number[] => {
    // Several patterns share a literal (`oomkilled`, `pending`): each is looked for once.
    const known = found.get(literal);
    if (known) return known;
    const lines: number[] = [];
    found.set(literal, lines);
    let line = 0;
    for (let from = text.indexOf(literal); from >= 0; from = text.indexOf(literal, lineStarts[line + 1] ?? text.length)) {
      while (line + 1 < lineStarts.length && lineStarts[line + 1] <= from) line += 1;
      lines.push(line);
      if (line + 1 >= lineStarts.length) break;
    }
    return lines;
  };
  return {tokens, lowered, linesWith, linesContaining, allLines: input.lines.map((_, n) => n), firstScriptToken};
}

export type FindOptions = {
  /** Statuses chosen as chips; a page listing one of them ranks as a symptom hit. */
  statuses?: readonly string[];
  /** What the rules found (src/finder/rules). */
  findings?: readonly Finding[];
  /** Alert names the reader found. */
  alerts?: readonly AlertFact[];
  /** The query's words (src/finder/text/query.ts). */
  reading?: QueryReading;
  limit?: number;
};

export function find(index: FinderIndex, input: PreparedInput, options: FindOptions = {}): FinderResult[] {
  const best = new Map<number, FinderResult>();
  // Results are built whole, never spread: Node 20's V8 promotes every object made by `{...x}` out
  // of the young generation, and a paste's garbage then costs a collection of the old one.
  const offer = (i: number, result: FinderResult) => {
    const current = best.get(i);
    if (!current || result.score > current.score) best.set(i, result);
  };

  // Findings: the page each leads to, strongest first.
  for (const finding of options.findings ?? []) {
    const i = index.byId.get(finding.page);
    if (i === undefined) continue;
    const shown = finding.evidence.find((e) => e.span) ?? finding.evidence[0];
    offer(i, {entry: index.entries[i], kind: 'finding', score: TIER_FINDING + finding.strength * 9, line: shown?.line, span: shown?.span, finding});
  }

  for (const alert of options.alerts ?? []) {
    for (const i of index.alerts.get(alert.name) ?? []) {
      offer(i, {entry: index.entries[i], kind: 'alert', score: TIER_ALERT + (alert.state === 'firing' ? 10 : 0), line: alert.evidence.line, span: alert.evidence.span});
    }
  }

  // Patterns. Among pages whose patterns match, prefer the longer match, the one nearer the start
  // of its line (the line's own message, not a wrapped cause), the page matching with several
  // distinct patterns, and the page whose primary symptom is in the paste.
  const words = wordsOf(index, input);
  const patternHits = new Map<number, {score: number; line: string; span: [number, number]; count: number}>();
  for (const {entry, re, literal, word} of index.patterns) {
    // A pattern with a required word is tried only on the lines that have it, one with a
    // required literal only where the literal is.
    const candidates = word ? words.linesWith.get(word) : literal ? words.linesContaining(literal) : words.allLines;
    if (!candidates || candidates.length === 0) continue;
    let bestHere: {score: number; line: string; span: [number, number]} | null = null;
    for (const n of candidates) {
      if (literal && !words.lowered[n].includes(literal)) continue;
      const line = input.lines[n];
      const m = re.exec(line);
      if (!m) continue;
      const score = Math.min(m[0].length, MATCH_LENGTH_CAP) + Math.max(0, EARLY_MATCH_BONUS - Math.floor(m.index / 4));
      if (!bestHere || score > bestHere.score) bestHere = {score, line, span: [m.index, m.index + m[0].length]};
    }
    if (!bestHere) continue;
    const current = patternHits.get(entry);
    if (!current) patternHits.set(entry, {score: bestHere.score, line: bestHere.line, span: bestHere.span, count: 1});
    else if (bestHere.score > current.score) patternHits.set(entry, {score: bestHere.score, line: bestHere.line, span: bestHere.span, count: current.count + 1});
    else current.count += 1;
  }
  for (const [i, hit] of patternHits) {
    const primary = index.entries[i].symptoms[0];
    const bonus =
      (hit.count - 1) * EXTRA_PATTERN_BONUS + (primary && words.tokens.has(primary) ? PRIMARY_SYMPTOM_BONUS : 0) + (index.entries[i].type === 'runbook' ? RUNBOOK_PATTERN_BONUS : 0);
    offer(i, {entry: index.entries[i], kind: 'pattern', score: TIER_PATTERN + hit.score + bonus, line: hit.line, span: hit.span});
  }

  // Statuses are matched as kubectl spells them (`CrashLoopBackOff`, `NotReady`): case matters,
  // so the English word "pending" in a sentence is not the status `Pending`.
  const chosen = new Set(options.statuses ?? []);
  const implied = new Map<string, string>();
  for (const s of options.reading?.symptoms ?? []) {
    const from = options.reading?.mapped.find((m) => m.to.split(', ').includes(s))?.from;
    implied.set(s, from ? `${from} → ${s}` : s);
  }
  const symptomLine = new Map<string, {line: string; span: [number, number]}>();
  for (const [token, n] of words.firstScriptToken) {
    if (index.symptoms.has(token) && !AMBIGUOUS_STATUS_WORDS.has(token)) {
      const line = input.lines[n];
      const at = line.indexOf(token);
      symptomLine.set(token, {line, span: [at, at + token.length]});
    }
  }
  // A page listing several of the named statuses outranks one listing a single one.
  const symptomHits = new Map<number, {score: number; where?: {line: string; span: [number, number]}; terms?: string[]}>();
  for (const key of new Set([...chosen, ...symptomLine.keys(), ...implied.keys()])) {
    for (const i of index.symptoms.get(key) ?? []) {
      const where = symptomLine.get(key);
      const weight = (index.entries[i].symptoms[0] === key ? PRIMARY_SYMPTOM_BONUS : EXTRA_SYMPTOM_BONUS) + (chosen.has(key) ? CHOSEN_STATUS_BONUS : 0);
      const current = symptomHits.get(i);
      const terms = !where && implied.has(key) ? [implied.get(key)!] : undefined;
      if (!current) symptomHits.set(i, {score: weight, where, terms});
      else symptomHits.set(i, {score: current.score + weight, where: current.where ?? where, terms: current.where ? current.terms : [...(current.terms ?? []), ...(terms ?? [])]});
    }
  }
  for (const [i, hit] of symptomHits) {
    offer(i, {entry: index.entries[i], kind: 'symptom', score: TIER_SYMPTOM + Math.min(hit.score, 900), line: hit.where?.line, span: hit.where?.span, terms: hit.where ? undefined : hit.terms});
  }

  // A long paste with an exact answer has it; full text would only add weaker guesses.
  const longInput = input.text.length > SHORT_INPUT_CHARS || input.lines.length > MAX_QUERY_LINES;
  const exact = best.size;
  if (!(longInput && exact > 0)) {
    const preferRunbooks = (options.alerts ?? []).some((a) => a.known && !index.alerts.has(a.name));
    for (const result of textResults(index, options.reading?.terms ?? [], longInput, preferRunbooks)) {
      if (best.has(result.i)) continue;
      offer(result.i, {entry: index.entries[result.i], kind: 'text', score: TIER_TEXT + result.score, terms: result.terms});
    }
  }
  return rank(best, options.limit, exact);
}

/** Full-text hits above the relevance floor, scored 0–1000 against the best of them. */
function textResults(index: FinderIndex, terms: readonly string[], longInput: boolean, preferRunbooks: boolean): {i: number; score: number; terms: string[]}[] {
  const significant = terms.filter((t) => !isStopWord(t));
  if (significant.length === 0) return [];
  const hits: SearchResult[] = index.search.search(significant.join(' '));
  const accepted: {i: number; raw: number; terms: string[]}[] = [];
  for (const hit of hits) {
    const i = index.byId.get(hit.id as string);
    if (i === undefined) continue;
    const matched = [...new Set(hit.queryTerms)].filter((t) => significant.includes(t));
    const anchors = matched.filter((t) => index.lexicon.has(t));
    const covered = matched.length >= Math.ceil(significant.length * MIN_TERM_COVERAGE);
    if (anchors.length === 0) continue;
    if (longInput ? anchors.length < 2 : !(covered || anchors.length >= 2)) continue;
    accepted.push({i, raw: hit.score * (preferRunbooks && index.entries[i].type === 'runbook' ? ALERT_RUNBOOK_FACTOR : 1), terms: matched});
  }
  accepted.sort((a, b) => b.raw - a.raw);
  const top = accepted[0]?.raw ?? 1;
  return accepted
    .filter((a) => a.raw >= top * MIN_RELATIVE_SCORE)
    .map((a) => ({i: a.i, score: Math.round((a.raw / top) * 1000), terms: a.terms}));
}

function rank(best: Map<number, FinderResult>, limit = DEFAULT_LIMIT, exactCount = 0): FinderResult[] {
  const sorted = [...best.values()].sort(
    (a, b) => b.score - a.score || TYPE_ORDER[a.entry.type] - TYPE_ORDER[b.entry.type] || a.entry.id.localeCompare(b.entry.id),
  );
  const textAllowed = exactCount > 0 ? MAX_TEXT_UNDER_EXACT : limit;
  let text = 0;
  return sorted.filter((r) => r.kind !== 'text' || (text += 1) <= textAllowed).slice(0, limit);
}
