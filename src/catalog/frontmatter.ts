/**
 * The front-matter schema every page carries (DESIGN.md, "Information architecture").
 *
 * One schema, used at build time by the catalog plugin and in the unit tests, so a page that
 * would break the site fails `npm test` before it fails a deploy. Unknown keys are rejected: a
 * misspelt field (`error_pattern:`) would otherwise be silently ignored.
 */
import * as z from 'zod';
import {ACTION_STATES, ALERTS, CASE_SOURCES, COMPONENTS, LAYERS, PAGE_TYPES, SYMPTOMS} from '../data/tags';

const keys = <T extends Record<string, unknown>>(record: T) =>
  Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

export const PAGE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const id = z.string().regex(PAGE_ID, 'must be kebab-case: lowercase letters, digits and single dashes');
const text = z.string().trim().min(1, 'must not be empty');
const layer = z.enum(keys(LAYERS), {error: `must be one of the layers in src/data/tags.ts: ${Object.keys(LAYERS).join(', ')}`});
const component = z.enum(keys(COMPONENTS), {error: 'is not a component listed in src/data/tags.ts (COMPONENTS); add it there with both labels'});
const alert = z.enum(keys(ALERTS), {error: 'is not an alert listed in src/data/tags.ts (ALERTS); add it there with both labels'});
const symptom = z.enum(keys(SYMPTOMS), {error: 'is not a symptom listed in src/data/tags.ts (SYMPTOMS); add it there with both labels'});

/** js-yaml turns an unquoted 2025-11-16 into a Date; both spellings mean the same day. */
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));

export const errorPatternSchema = z
  .object({
    /** A JavaScript regular expression, matched case-insensitively against one pasted line. */
    regex: text,
    /** A real line as a reader would paste it; the regex must match it. */
    example: text,
  })
  .strict();

/** Front-matter keys Docusaurus itself understands; allowed beside ours. */
const docusaurusKeys = {
  sidebar_label: z.string().optional(),
  sidebar_position: z.number().optional(),
  sidebar_class_name: z.string().optional(),
  slug: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  hide_title: z.boolean().optional(),
  hide_table_of_contents: z.boolean().optional(),
  toc_min_heading_level: z.number().optional(),
  toc_max_heading_level: z.number().optional(),
  pagination_prev: z.string().nullable().optional(),
  pagination_next: z.string().nullable().optional(),
  image: z.string().optional(),
};

const base = {
  ...docusaurusKeys,
  id,
  title: text,
  /** One or two sentences: the search snippet, the card text and the /find summary. */
  description: text,
  /** Commit of the English file this Korean page was translated from (Korean pages only). */
  translated_from: z.string().regex(/^[0-9a-f]{7,40}$/, 'must be a git commit id').optional(),
  related: z.array(id).default([]),
};

const classified = {
  layer,
  components: z.array(component).min(1, 'needs at least one component'),
  symptoms: z.array(symptom).default([]),
  error_patterns: z.array(errorPatternSchema).default([]),
};

export const runbookSchema = z
  .object({
    ...base,
    ...classified,
    type: z.literal('runbook'),
    symptoms: z.array(symptom).min(1, 'a runbook names at least one symptom'),
    error_patterns: z.array(errorPatternSchema).min(1, 'a runbook needs at least one error pattern with a real example'),
    /** The first step of the fix, one sentence, shown on /find. */
    fix: text,
    /** Prometheus alert names that lead here (see ALERTS in src/data/tags.ts). */
    alerts: z.array(alert).default([]),
  })
  .strict();

export const referenceSchema = z
  .object({
    ...base,
    ...classified,
    type: z.literal('reference'),
    components: z.array(component).default([]),
    fix: text.optional(),
  })
  .strict();

export const actionSchema = z
  .object({
    action: text,
    state: z.enum(keys(ACTION_STATES)),
  })
  .strict();

export const caseSchema = z
  .object({
    ...base,
    ...classified,
    type: z.literal('case'),
    source: z.enum(keys(CASE_SOURCES)),
    org: text,
    /** The day of the incident itself; omitted when no source gives it (never an archive's date). */
    date: isoDate.optional(),
    /**
     * True when the page cannot confirm the original's title, date or address: the case is
     * retold from a summary, and the page and the case index say so.
     */
    unverified: z.boolean().default(false),
    impact: text,
    root_cause: text,
    lessons: z.array(text).min(1, 'a case states at least one lesson'),
    /** Actions taken, with their state kept as data (incidents of our own cluster). */
    actions: z.array(actionSchema).default([]),
    commits: z.array(z.string().regex(/^[0-9a-f]{7,40}$/, 'must be a git commit id')).default([]),
    /** Where a public postmortem was published. */
    source_url: z.url().optional(),
    fix: text.optional(),
  })
  .strict();

export const retroSchema = z
  .object({
    ...base,
    ...classified,
    type: z.literal('retro'),
    /** The bug's own name, e.g. BUG-004. */
    bug: z.string().regex(/^BUG-\d{3}$/, 'must read BUG-NNN'),
    root_cause: text,
    fix: text,
    lessons: z.array(text).min(1, 'a retrospective states at least one lesson'),
  })
  .strict();

export const labPageSchema = z
  .object({
    ...base,
    ...classified,
    type: z.literal('lab'),
    fix: text.optional(),
  })
  .strict();

export const overviewSchema = z
  .object({
    ...base,
    type: z.literal('overview'),
  })
  .strict();

export const frontMatterSchema = z.discriminatedUnion('type', [
  runbookSchema,
  referenceSchema,
  caseSchema,
  retroSchema,
  labPageSchema,
  overviewSchema,
]);

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type PageTypeName = keyof typeof PAGE_TYPES;

/** The front-matter keys that must be identical in the English and the Korean page. */
export const LANGUAGE_NEUTRAL_KEYS = [
  'id',
  'type',
  'layer',
  'components',
  'symptoms',
  'error_patterns',
  'alerts',
  'related',
  'source',
  'date',
  'unverified',
  'bug',
  'commits',
  'source_url',
] as const;
