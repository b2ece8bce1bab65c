/**
 * Finds the Markdown pages of both locales on disk and pairs each English page with its Korean
 * twin. Used by the tests and the parity check; the build reads the same files through the docs
 * plugin.
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type {PageSource} from './validate';

export const DOCS_DIR = 'docs';
export const KO_DOCS_DIR = 'i18n/ko/docusaurus-plugin-content-docs/current';

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.mdx?$/.test(entry.name) ? [full] : [];
  });
}

/** Page files under a docs folder, relative to the site root, sorted. */
export function listPages(siteDir: string, docsDir: string): string[] {
  return walk(path.join(siteDir, docsDir))
    .map((file) => path.relative(siteDir, file))
    .sort();
}

export function readPage(siteDir: string, file: string): PageSource & {body: string} {
  const parsed = matter(fs.readFileSync(path.join(siteDir, file), 'utf8'));
  return {file, frontMatter: parsed.data, body: parsed.content};
}

/** The path of a page relative to its locale's docs folder: docs/a/b.mdx → a/b.mdx. */
export function localPath(file: string): string {
  const root = file.startsWith(KO_DOCS_DIR) ? KO_DOCS_DIR : DOCS_DIR;
  return path.relative(root, file);
}
