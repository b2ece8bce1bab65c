/**
 * The catalog of one locale, read from the Markdown files on disk rather than through a site
 * build: for the tests and bench/find. Throws on any front-matter problem, as the build does.
 */
import path from 'node:path';
import {loadLabs} from '../../labs/lib/lab-schema';
import {toEntry, TEXT_CHARS_PER_PAGE} from './entry';
import {DOCS_DIR, KO_DOCS_DIR, listPages, readPage} from './pages';
import {mdxToPlainText} from './plain-text';
import type {Catalog, CatalogEntry} from './types';
import {formatProblem, validatePages} from './validate';

export function catalogFromFiles(siteDir: string, locale: 'en' | 'ko'): Catalog {
  const docsDir = locale === 'ko' ? KO_DOCS_DIR : DOCS_DIR;
  const labs = loadLabs(path.join(siteDir, 'labs/scenarios'));
  const sources = listPages(siteDir, docsDir).map((file) => readPage(siteDir, file));
  const {pages, problems} = validatePages(sources, {labIds: new Set(labs.keys())});
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  const bodies = new Map(sources.map((s) => [s.file, s.body]));
  const entries: CatalogEntry[] = [];
  for (const page of pages) {
    const rel = path.relative(docsDir, page.file).replace(/\.mdx?$/, '');
    const entry = toEntry({
      frontMatter: page.frontMatter,
      title: page.frontMatter.title,
      description: page.frontMatter.description,
      url: `${locale === 'ko' ? '/ko' : ''}/${rel}`,
      text: mdxToPlainText(bodies.get(page.file) ?? '', TEXT_CHARS_PER_PAGE),
      requires: labs.get(page.frontMatter.id)?.requires,
    });
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  return {locale, entries};
}
