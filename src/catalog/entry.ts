/**
 * One catalog entry from a page's validated front matter. Shared by the build (src/plugins/
 * catalog.ts, with what Docusaurus loaded) and by the tests and benches (src/catalog/from-files.ts,
 * straight from disk), so both see the same catalog.
 */
import type {FrontMatter} from './frontmatter';
import type {CatalogEntry} from './types';

export type EntrySource = {
  frontMatter: FrontMatter;
  title: string;
  description: string;
  url: string;
  /** Plain text of the page body (see plain-text.ts). */
  text: string;
  /** For lab pages: what the lab needs, from its lab.yaml. */
  requires?: 'cluster' | 'local';
};

export function toEntry(source: EntrySource): CatalogEntry | null {
  const fm = source.frontMatter;
  if (fm.type === 'overview') return null;
  const entry: CatalogEntry = {
    id: fm.id,
    type: fm.type,
    title: source.title,
    description: source.description,
    url: source.url,
    layer: fm.layer,
    components: [...fm.components],
    symptoms: [...fm.symptoms],
    errorPatterns: fm.error_patterns.map(({regex, example}) => ({regex, example})),
    fix: fm.fix,
    alerts: fm.type === 'runbook' ? [...fm.alerts] : [],
    related: [...fm.related],
    text: source.text,
  };
  if (fm.type === 'case') {
    Object.assign(entry, {source: fm.source, org: fm.org, date: fm.date, unverified: fm.unverified, impact: fm.impact, rootCause: fm.root_cause});
  } else if (fm.type === 'retro') {
    Object.assign(entry, {bug: fm.bug, rootCause: fm.root_cause});
  } else if (fm.type === 'lab') {
    entry.requires = source.requires;
  }
  return entry;
}

/** Enough text to match on without growing the /find download past its budget. */
export const TEXT_CHARS_PER_PAGE = 1200;
