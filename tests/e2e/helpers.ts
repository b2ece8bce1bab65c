import fs from 'node:fs';
import path from 'node:path';
import type {Page} from '@playwright/test';

const buildDir = path.resolve(__dirname, '../../build');

/** Every page path in the built sitemaps of both locales, relative to the site root. */
export function sitemapPaths(): string[] {
  const paths: string[] = [];
  for (const file of [path.join(buildDir, 'sitemap.xml'), path.join(buildDir, 'ko', 'sitemap.xml')]) {
    if (!fs.existsSync(file)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)) {
      paths.push(new URL(m[1]).pathname);
    }
  }
  return [...new Set(paths)].sort();
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
