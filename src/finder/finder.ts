/**
 * The finder as one call, for the /find page and `npm run find`: read the paste's structure, run
 * the rules, read its words, rank the pages, and say what was recognised.
 */
import {ALERTS, labelOf, type Alert} from '../data/tags';
import type {Facts} from './facts';
import {buildIndex, DEFAULT_LIMIT, find, MAX_TERMS_LONG, MAX_TERMS_SHORT, prepareInput, prepareLines, SHORT_INPUT_CHARS, type FinderIndex, type FinderResult, type PreparedInput} from './match';
import {readPaste} from './read';
import {recognise} from './recognise';
import {runRules} from './rules';
import type {Finding, Localized} from './rules/types';
import {stemKorean} from './text/korean';
import {readQuery, tokenize, type QueryReading} from './text/query';
import {isStopWord} from './text/stopwords';

export {buildIndex, prepareInput};
export type {FinderIndex, FinderResult, Finding, Localized};

export type FinderAnswer = {
  input: PreparedInput;
  facts: Facts;
  /** Every finding, strongest first; a finding's page may not be on the site (then it has no result). */
  findings: Finding[];
  /** Pages above the relevance floor, best first. Empty: nothing on the site matches. */
  results: FinderResult[];
  reading: QueryReading;
  /** What the paste was read as, one line each. */
  recognised: Localized[];
  /** A Korean query on a catalog that is not Korean: the page offers the Korean site. */
  koreanOnOtherLocale: boolean;
};

export type AnswerOptions = {statuses?: readonly string[]; limit?: number};

/** Whether an answer matched anything: a finding or a page. */
export function matched(answer: FinderAnswer): boolean {
  return answer.findings.length > 0 || answer.results.length > 0;
}

export function answer(index: FinderIndex, raw: string, options: AnswerOptions = {}): FinderAnswer {
  const {input, textLines} = prepareLines(raw);
  const facts = input.lines.length > 0 ? readPaste(textLines) : {objects: [], events: [], logs: [], alerts: [], formats: []};
  const findings = runRules(facts);
  // What the reader took as structure (a table's headers, a describe's labels) is not prose: the
  // full-text tier reads only the free text around it, the log messages and the Warning events.
  const structured = facts.objects.length > 0 || facts.events.length > 0;
  const freeText = structured
    ? [...facts.logs.map((l) => l.message), ...facts.events.filter((e) => e.type === 'Warning').map((e) => e.message)].join('\n')
    : input.text;
  const short = input.text.length <= SHORT_INPUT_CHARS;
  const reading = readQuery(freeText, short ? MAX_TERMS_SHORT : MAX_TERMS_LONG);
  // An alert no runbook lists yet is still a known alert: its meaning is a query of its own.
  for (const alert of facts.alerts) {
    if (!alert.known || index.alerts.has(alert.name)) continue;
    const words = tokenize(labelOf(ALERTS, alert.name as Alert, index.locale)).map(stemKorean).filter((t) => t.length > 1 && !isStopWord(t));
    reading.terms = [...new Set([...words, ...reading.terms.filter((t) => t !== alert.name.toLowerCase())])];
  }
  const results = find(index, input, {statuses: options.statuses, findings, alerts: facts.alerts, reading, limit: options.limit ?? DEFAULT_LIMIT});
  return {
    input,
    facts,
    findings,
    results,
    reading,
    recognised: recognise(facts, findings),
    koreanOnOtherLocale: reading.korean && index.locale !== 'ko',
  };
}
