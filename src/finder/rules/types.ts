/**
 * A rule reads facts (src/finder/facts.ts) and states findings: what it saw, in both languages,
 * with the facts filled in, and the page that explains it. One file per kind of object, each a
 * list of rules, the way k8sgpt keeps one analyzer per kind.
 */
import type {Evidence, EventFact, Facts, ObjectFacts, ObjectKind} from '../facts';

export type Localized = {en: string; ko: string};

export type Finding = {
  /** `<file>/<rule>`, e.g. `pod/oom-killed`. */
  rule: string;
  /** Id of the page that explains it. */
  page: string;
  /**
   * How decisive the facts are, 1–100: 90+ is a status the API itself wrote (`OOMKilled`,
   * `ProgressDeadlineExceeded`); 60–80 an event or a log line that names the cause; under 50 a
   * state that says where to look, not why.
   */
  strength: number;
  /** `Pod web-0`, when the paste names the object. */
  subject?: string;
  text: Localized;
  evidence: Evidence[];
};

export type Rule = {
  /** `<file>/<rule>`. */
  id: string;
  /** Every page id the rule can lead to; a test checks each exists in the catalog. */
  pages: readonly string[];
  run(facts: Facts): Finding[];
};

export function objectsOf(facts: Facts, kind: ObjectKind): ObjectFacts[] {
  return facts.objects.filter((o) => o.kind === kind);
}

/** Events about `kind` (or about an object the paste does not name), optionally with one of `reasons`. */
export function eventsOf(facts: Facts, kinds: readonly ObjectKind[] | null, reasons?: readonly string[]): EventFact[] {
  return facts.events.filter(
    (e) => (!kinds || !e.objectKind || kinds.includes(e.objectKind)) && (!reasons || reasons.includes(e.reason)),
  );
}

export type Message = {text: string; evidence: Evidence};

/**
 * Several rules read the messages of one paste: they are collected once, for the paste being read
 * (one slot, not a WeakMap: a WeakMap entry keeps its young key and value through every minor
 * collection until a major one, so each paste's messages would be copied to the old generation).
 */
let cachedFacts: Facts | null = null;
let cachedMessages: Message[] = [];

/**
 * Every message the paste holds: event messages, log messages, condition and container messages,
 * a describe's `Message:` field, and any other line. Rules that recognise an error by its words
 * (x509, DNS, RBAC) read these, wherever in the paste the words are.
 */
export function messagesOf(facts: Facts): Message[] {
  if (cachedFacts === facts) return cachedMessages;
  const out: Message[] = [];
  cachedFacts = facts;
  cachedMessages = out;
  // A paste of repeated blocks repeats its messages: each text is kept once, with the evidence
  // of where it first appears (the one a rule's first match would point at), so the rules'
  // expressions run over the distinct messages only.
  const seen = new Set<string>();
  const add = (text: string, evidence: Evidence) => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({text, evidence});
  };
  for (const e of facts.events) add(e.message, e.evidence);
  for (const l of facts.logs) add(l.message, l.evidence);
  for (const o of facts.objects) {
    for (const c of o.conditions) if (c.message) add(c.message, c.evidence);
    for (const c of o.containers) {
      for (const s of [c.state, c.lastState]) if (s?.message) add(s.message, s.evidence[0] ?? {line: s.message});
    }
    const message = o.fields.Message;
    if (message) add(message.value, message.evidence);
  }
  return out;
}

/** `Pod web-0`, or the kind alone when the paste does not name it. */
export function subjectOf(object: {kind: string; name?: string}): string {
  return object.name ? `${object.kind} ${object.name}` : object.kind;
}

/** The span of `part` inside an evidence line, keeping the line. */
export function pointAt(evidence: Evidence, part: string | undefined): Evidence {
  if (!part) return evidence;
  const at = evidence.line.indexOf(part);
  return at >= 0 ? {line: evidence.line, span: [at, at + part.length]} : evidence;
}

/** `(x5 over 3m)` as words, for a finding's text. */
export function repeated(event: EventFact): Localized {
  if (event.count <= 1) return {en: '', ko: ''};
  const over = event.over ? ` over ${event.over}` : '';
  const overKo = event.over ? `${event.over} 동안 ` : '';
  return {en: ` (${event.count} times${over})`, ko: ` (${overKo}${event.count}회)`};
}

/** The first match of `re` among the messages, with its evidence pointed at the match. */
export function findMessage(messages: readonly Message[], re: RegExp): {m: RegExpExecArray; evidence: Evidence} | null {
  for (const message of messages) {
    const m = re.exec(message.text);
    if (m) return {m, evidence: pointAt(message.evidence, m[0])};
  }
  return null;
}

/** Drops a finding that repeats one already made (same rule, subject and page). */
export function distinct(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.subject ?? ''}|${f.page}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
