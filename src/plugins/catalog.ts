/**
 * Builds the catalog of every page, per locale, after all content is loaded.
 *
 * It is also the build-time gate for front matter: a missing field, an unknown tag, a `related`
 * id that resolves to nothing or an error pattern that does not match its own example fails the
 * build with the file and the field (see src/catalog/validate.ts).
 *
 * The catalog is written with `createData` and attached only to /find, so no other page
 * downloads it; /cases gets a smaller module with the cases alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {normalizeUrl} from '@docusaurus/utils';
import {validatePages, formatProblem, type PageSource} from '../catalog/validate';
import {mdxToPlainText} from '../catalog/plain-text';
import type {Catalog, CatalogEntry} from '../catalog/types';
import {toEntry, TEXT_CHARS_PER_PAGE} from '../catalog/entry';
import {loadLabs} from '../../labs/lib/lab-schema';

type Options = {labsDir: string};

type LoadedDoc = {
  id: string;
  title: string;
  description: string;
  source: string;
  permalink: string;
  frontMatter: Record<string, unknown>;
};

type DocsContent = {loadedVersions: {docs: LoadedDoc[]}[]};

export default function catalogPlugin(context: LoadContext, options: Options): Plugin {
  return {
    name: 'catalog',
    async allContentLoaded({allContent, actions}) {
      const docsContent = allContent['docusaurus-plugin-content-docs']?.default as DocsContent | undefined;
      if (!docsContent) throw new Error('catalog: the docs plugin loaded no content');
      const docs = docsContent.loadedVersions.flatMap((version) => version.docs);
      const labs = loadLabs(options.labsDir);

      const sources: PageSource[] = docs.map((doc) => ({
        file: doc.source.replace(/^@site\//, ''),
        frontMatter: doc.frontMatter,
      }));
      const {pages, problems} = validatePages(sources, {labIds: new Set(labs.keys())});
      if (problems.length > 0) {
        throw new Error(
          `Front matter problems in ${new Set(problems.map((p) => p.file)).size} file(s) (schema: src/catalog/frontmatter.ts, tags: src/data/tags.ts):\n` +
            problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
        );
      }

      const byFile = new Map(pages.map((page) => [page.file, page.frontMatter]));
      const entries: CatalogEntry[] = [];
      for (const doc of docs) {
        const file = doc.source.replace(/^@site\//, '');
        const frontMatter = byFile.get(file);
        if (!frontMatter) continue;
        const entry = toEntry({
          frontMatter,
          title: doc.title,
          description: doc.description,
          url: doc.permalink,
          text: mdxToPlainText(fs.readFileSync(path.join(context.siteDir, file), 'utf8'), TEXT_CHARS_PER_PAGE),
          requires: labs.get(frontMatter.id)?.requires,
        });
        if (entry) entries.push(entry);
      }
      entries.sort((a, b) => a.id.localeCompare(b.id));

      const catalog: Catalog = {locale: context.i18n.currentLocale, entries};
      const catalogPath = await actions.createData('catalog.json', catalog);
      actions.addRoute({
        path: normalizeUrl([context.baseUrl, 'find']),
        component: '@site/src/components/FindPage/index.tsx',
        exact: true,
        modules: {catalog: catalogPath},
      });
      // /cases needs only the cases, without page text: a module of its own keeps it small.
      const cases: Catalog = {
        locale: catalog.locale,
        entries: entries.filter((entry) => entry.type === 'case').map((entry) => ({...entry, text: '', errorPatterns: []})),
      };
      const casesPath = await actions.createData('cases.json', cases);
      actions.addRoute({
        path: normalizeUrl([context.baseUrl, 'cases']),
        component: '@site/src/components/CaseIndex/index.tsx',
        exact: true,
        modules: {catalog: casesPath},
      });
    },
  };
}
