/**
 * Matching a pasted error, log or `kubectl describe` dump against the catalog (/find).
 *
 * Three tiers, in rank order: a page's own `error_patterns` matching a pasted line; a status or
 * short name the page lists under `symptoms` appearing as a word; then fuzzy full text
 * (MiniSearch) over titles, descriptions and page text, which is what catches a Korean query or
 * a paraphrase. Nothing from the input is ever compiled as a regular expression, so a paste full
 * of `(`, `[` or `*` is just text.
 */
import MiniSearch, {type SearchResult} from 'minisearch';
import type {Catalog, CatalogEntry} from '../catalog/types';

/** Longer pastes are cut: 64 KiB holds a whole `kubectl describe pod` plus a long log tail. */
export const MAX_INPUT_CHARS = 64 * 1024;
/** A single minified log line can be huge; the part past this never decides a match. */
const MAX_LINE_CHARS = 2000;
/**
 * Fuzzy matching on a whole log would match everything a little, and slowly; it looks at the
 * words that matter. A short query (a phrase, a Korean sentence) gets more terms than a long log,
 * where the pattern and status tiers carry the weight.
 */
const MAX_FUZZY_TERMS_SHORT = 24;
const MAX_FUZZY_TERMS_LONG = 10;
const SHORT_INPUT_CHARS = 400;
/** Pattern or status matches after which a long paste skips the fuzzy tier. */
const ENOUGH_STRONG_MATCHES = 5;
/** Typo tolerance only where a word is long enough to have one; prefixes only from 3 letters. */
const FUZZY_MIN_TERM_CHARS = 5;
const PREFIX_MIN_TERM_CHARS = 3;

const TIER_PATTERN = 3000;
const TIER_SYMPTOM = 2000;
const TIER_FUZZY = 0;
/** Pattern-tier weights; together they stay under the 1000 between tiers. */
const MATCH_LENGTH_CAP = 300;
const EARLY_MATCH_BONUS = 60;
const EXTRA_PATTERN_BONUS = 40;
const PRIMARY_SYMPTOM_BONUS = 120;

/** Runbooks answer "what do I do now", so among equals they come first. */
/**
 * Statuses too common as plain words to mean anything when they appear in a log ("Error
 * creating…"); they still count when picked as a chip.
 */
const AMBIGUOUS_STATUS_WORDS = new Set(['Error']);

const TYPE_ORDER: Record<CatalogEntry['type'], number> = {runbook: 0, lab: 1, case: 2, retro: 3, reference: 4};

export type MatchKind = 'pattern' | 'symptom' | 'text';

export type FinderResult = {
  entry: CatalogEntry;
  kind: MatchKind;
  score: number;
  /** The pasted line that matched, and the matched span inside it (for highlighting). */
  line?: string;
  span?: [number, number];
};

export type FinderIndex = {
  entries: CatalogEntry[];
  patterns: {entry: number; re: RegExp}[];
  /** Symptom as written in tags.ts (`CrashLoopBackOff`) → entries listing it. */
  symptoms: Map<string, number[]>;
  search: MiniSearch<CatalogEntry & {symptomText: string}>;
};

export type PreparedInput = {text: string; lines: string[]; truncated: boolean; originalLength: number};

/** Cuts the input to MAX_INPUT_CHARS and splits it into distinct, trimmed, non-empty lines. */
export function prepareInput(raw: string): PreparedInput {
  const truncated = raw.length > MAX_INPUT_CHARS;
  const text = truncated ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().slice(0, MAX_LINE_CHARS);
    if (line && !seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  return {text, lines, truncated, originalLength: raw.length};
}

/** Splits on anything that is not a letter or digit (any script), keeping `10.96.0.1`-style dots inside numbers out. */
function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

export function buildIndex(catalog: Catalog): FinderIndex {
  const entries = catalog.entries;
  const patterns: FinderIndex['patterns'] = [];
  const symptoms = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const p of entry.errorPatterns) {
      try {
        patterns.push({entry: i, re: new RegExp(p.regex, 'i')});
      } catch {
        // The build rejects patterns that do not compile; an old catalog must not break the page.
      }
    }
    for (const s of entry.symptoms) {
      symptoms.set(s, [...(symptoms.get(s) ?? []), i]);
    }
  });
  const search = new MiniSearch<CatalogEntry & {symptomText: string}>({
    idField: 'id',
    fields: ['title', 'description', 'symptomText', 'fix', 'text'],
    storeFields: [],
    tokenize,
    processTerm: (term) => (term.length < 2 ? null : term.toLowerCase()),
    searchOptions: {
      boost: {title: 4, symptomText: 3, description: 2, fix: 1.5},
      prefix: (term: string) => term.length >= PREFIX_MIN_TERM_CHARS,
      fuzzy: (term: string) => (term.length >= FUZZY_MIN_TERM_CHARS ? 0.2 : false),
      combineWith: 'OR',
    },
  });
  search.addAll(entries.map((e) => ({...e, symptomText: e.symptoms.join(' ')})));
  return {entries, patterns, symptoms, search};
}

/** Words worth a fuzzy lookup: not numbers, hashes or pod-name suffixes, most frequent first. */
function fuzzyTerms(text: string, max: number): string[] {
  const counts = new Map<string, number>();
  for (const token of tokenize(text)) {
    const t = token.toLowerCase();
    if (t.length < 2 || /^\d+$/.test(t) || /^[0-9a-f]{6,}$/.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, max)
    .map(([t]) => t);
}

export type FindOptions = {
  /** Statuses chosen as chips; a page listing one of them ranks as a symptom hit. */
  statuses?: readonly string[];
  limit?: number;
};

export function find(index: FinderIndex, input: PreparedInput, options: FindOptions = {}): FinderResult[] {
  const best = new Map<number, FinderResult>();
  const offer = (i: number, result: Omit<FinderResult, 'entry'>) => {
    const current = best.get(i);
    if (!current || result.score > current.score) best.set(i, {...result, entry: index.entries[i]});
  };

  // Pattern tier. Among pages whose patterns match, prefer the longer match, the one nearer the
  // start of its line (the line's own message, not a wrapped cause), the page matching with
  // several distinct patterns, and the page whose primary symptom is in the paste.
  const tokens = new Set(input.lines.flatMap((line) => tokenize(line)));
  const patternHits = new Map<number, {score: number; line: string; span: [number, number]; count: number}>();
  for (const {entry, re} of index.patterns) {
    let bestHere: {score: number; line: string; span: [number, number]} | null = null;
    for (const line of input.lines) {
      const m = re.exec(line);
      if (!m) continue;
      const score = Math.min(m[0].length, MATCH_LENGTH_CAP) + Math.max(0, EARLY_MATCH_BONUS - Math.floor(m.index / 4));
      if (!bestHere || score > bestHere.score) bestHere = {score, line, span: [m.index, m.index + m[0].length]};
    }
    if (!bestHere) continue;
    const current = patternHits.get(entry);
    if (!current) patternHits.set(entry, {...bestHere, count: 1});
    else patternHits.set(entry, {...(bestHere.score > current.score ? bestHere : current), count: current.count + 1});
  }
  for (const [i, hit] of patternHits) {
    const primary = index.entries[i].symptoms[0];
    const bonus = (hit.count - 1) * EXTRA_PATTERN_BONUS + (primary && tokens.has(primary) ? PRIMARY_SYMPTOM_BONUS : 0);
    offer(i, {kind: 'pattern', score: TIER_PATTERN + hit.score + bonus, line: hit.line, span: hit.span});
  }

  // Statuses are matched as kubectl spells them (`CrashLoopBackOff`, `NotReady`): case matters,
  // so the English word "pending" in a sentence is not the status `Pending`.
  const statusHits = new Set(options.statuses ?? []);
  const symptomLine = new Map<string, {line: string; span: [number, number]}>();
  for (const line of input.lines) {
    for (const token of new Set(tokenize(line))) {
      if (index.symptoms.has(token) && !symptomLine.has(token) && !AMBIGUOUS_STATUS_WORDS.has(token)) {
        const at = line.indexOf(token);
        symptomLine.set(token, {line, span: [at, at + token.length]});
      }
    }
  }
  for (const key of new Set([...statusHits, ...symptomLine.keys()])) {
    for (const i of index.symptoms.get(key) ?? []) {
      const where = symptomLine.get(key);
      const primary = index.entries[i].symptoms[0] === key ? PRIMARY_SYMPTOM_BONUS : 0;
      offer(i, {kind: 'symptom', score: TIER_SYMPTOM + primary + (statusHits.has(key) ? 50 : 0), ...where});
    }
  }

  // A long paste that already matched several pages by pattern or status has its answer; the
  // fuzzy tier would only append weaker guesses below them, at most of the cost.
  const longInput = input.text.length > SHORT_INPUT_CHARS;
  if (longInput && best.size >= ENOUGH_STRONG_MATCHES) return rank(best, options.limit);
  const terms = fuzzyTerms(input.text, input.text.length <= SHORT_INPUT_CHARS ? MAX_FUZZY_TERMS_SHORT : MAX_FUZZY_TERMS_LONG);
  if (terms.length > 0) {
    const hits: SearchResult[] = index.search.search(terms.join(' '));
    const top = hits[0]?.score ?? 1;
    const byId = new Map(index.entries.map((e, i) => [e.id, i]));
    for (const hit of hits) {
      const i = byId.get(hit.id as string);
      if (i === undefined || best.has(i)) continue;
      const term = hit.queryTerms[0];
      const line = term ? input.lines.find((l) => l.toLowerCase().includes(term)) : undefined;
      const at = line && term ? line.toLowerCase().indexOf(term) : -1;
      offer(i, {kind: 'text', score: TIER_FUZZY + Math.round((hit.score / top) * 1000), line, span: at >= 0 && term ? [at, at + term.length] : undefined});
    }
  }

  return rank(best, options.limit);
}

function rank(best: Map<number, FinderResult>, limit = 20): FinderResult[] {
  return [...best.values()]
    .sort((a, b) => b.score - a.score || TYPE_ORDER[a.entry.type] - TYPE_ORDER[b.entry.type] || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit);
}
