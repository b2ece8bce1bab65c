/**
 * Validates the front matter of every page in both locales without a full site build:
 * `npx tsx scripts/check-content.ts`. The build runs the same rules (src/plugins/catalog.ts).
 */
import path from 'node:path';
import {DOCS_DIR, KO_DOCS_DIR, listPages, readPage} from '../src/catalog/pages';
import {formatProblem, validatePages} from '../src/catalog/validate';
import {loadLabs} from '../labs/lib/lab-schema';

const siteDir = path.resolve(import.meta.dirname, '..');
const labIds = new Set(loadLabs(path.join(siteDir, 'labs/scenarios')).keys());
let failed = 0;
for (const dir of [DOCS_DIR, KO_DOCS_DIR]) {
  const {pages, problems} = validatePages(listPages(siteDir, dir).map((file) => readPage(siteDir, file)), {labIds});
  for (const problem of problems) console.error(formatProblem(problem));
  failed += problems.length;
  console.log(`${dir}: ${pages.length} valid pages, ${problems.length} problems`);
}
process.exit(failed > 0 ? 1 : 0);
