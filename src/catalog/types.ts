/**
 * The catalog: one entry per runbook, case, retrospective, lab and reference page, in the
 * locale being built. Made at build time by src/plugins/catalog.ts and loaded only by the pages
 * that need it (/find, /cases), never as global data that every page would download.
 */
import type {Layer, PageType} from '../data/tags';

export type CatalogErrorPattern = {regex: string; example: string};

export type CatalogEntry = {
  id: string;
  type: Exclude<PageType, 'overview'>;
  title: string;
  description: string;
  /** Permalink, with the locale prefix of the build it came from. */
  url: string;
  layer?: Layer;
  components: string[];
  symptoms: string[];
  errorPatterns: CatalogErrorPattern[];
  /** Runbooks: Prometheus alert names that lead to this page. */
  alerts: string[];
  /** The first step of the fix, in the page's language. */
  fix?: string;
  related: string[];
  /** Plain text of the page, trimmed, for fuzzy full-text matching. */
  text: string;
  /** Cases and retrospectives. */
  source?: 'public' | 'internal';
  org?: string;
  date?: string;
  /** Cases whose original title, date or address could not be confirmed. */
  unverified?: boolean;
  impact?: string;
  rootCause?: string;
  bug?: string;
  /** Labs: whether the lab needs the kind cluster. */
  requires?: 'cluster' | 'local';
};

export type Catalog = {
  locale: string;
  entries: CatalogEntry[];
};
