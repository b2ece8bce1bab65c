/**
 * The ko/en parity rules, as a pure report so both the CLI (scripts/i18n-parity.ts) and the
 * tests use them.
 */
import {execFileSync} from 'node:child_process';
import {isDeepStrictEqual} from 'node:util';
import {DOCS_DIR, KO_DOCS_DIR, listPages, localPath, readPage} from './pages';
import {LANGUAGE_NEUTRAL_KEYS} from './frontmatter';

export type ParityReport = {
  pairs: {en: string; ko: string}[];
  /** Pages in one language only, twins whose neutral fields or anchors differ. */
  errors: string[];
  /** Korean pages whose English source changed after the commit they were translated from. */
  outdated: string[];
  /** Korean pages without a usable translated_from (not an error: a new page is stamped after its first commit). */
  unstamped: string[];
};

/** Explicit heading anchors, `## Diagnosis {#diagnosis}`, in document order. */
export function headingAnchors(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/^#{2,6}\s.*\{#([-\w]+)\}\s*$/gm)].map((m) => m[1]);
}

/** Headings at level 2 or 3 that lack an explicit anchor; they would get different ids per language. */
export function headingsWithoutAnchor(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/^#{2,3}\s(.*)$/gm)].map((m) => m[1]).filter((h) => !/\{#[-\w]+\}\s*$/.test(h));
}

function gitOk(siteDir: string, args: string[]): boolean {
  try {
    execFileSync('git', args, {cwd: siteDir, stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
}

export function checkParity(siteDir: string): ParityReport {
  const report: ParityReport = {pairs: [], errors: [], outdated: [], unstamped: []};
  const en = new Map(listPages(siteDir, DOCS_DIR).map((f) => [localPath(f), f]));
  const ko = new Map(listPages(siteDir, KO_DOCS_DIR).map((f) => [localPath(f), f]));

  for (const [rel, file] of en) {
    if (!ko.has(rel)) report.errors.push(`${file} has no Korean page: add ${KO_DOCS_DIR}/${rel}`);
  }
  for (const [rel, file] of ko) {
    if (!en.has(rel)) report.errors.push(`${file} has no English page: add ${DOCS_DIR}/${rel}`);
  }
  const insideGit = gitOk(siteDir, ['rev-parse', '--is-inside-work-tree']);

  for (const [rel, enFile] of en) {
    const koFile = ko.get(rel);
    if (!koFile) continue;
    report.pairs.push({en: enFile, ko: koFile});
    const enPage = readPage(siteDir, enFile);
    const koPage = readPage(siteDir, koFile);
    for (const key of LANGUAGE_NEUTRAL_KEYS) {
      const a = normalize(enPage.frontMatter[key]);
      const b = normalize(koPage.frontMatter[key]);
      if (!isDeepStrictEqual(a, b)) {
        report.errors.push(`${koFile}: front matter "${key}" differs from ${enFile} (${JSON.stringify(b)} vs ${JSON.stringify(a)}); it must be identical in both languages`);
      }
    }
    const enAnchors = headingAnchors(enPage.body);
    const koAnchors = headingAnchors(koPage.body);
    if (!isDeepStrictEqual(enAnchors, koAnchors)) {
      report.errors.push(`${koFile}: heading anchors [${koAnchors.join(', ')}] differ from ${enFile} [${enAnchors.join(', ')}]; keep the same {#anchor} on each heading`);
    }
    for (const [file, body] of [[enFile, enPage.body], [koFile, koPage.body]] as const) {
      for (const heading of headingsWithoutAnchor(body)) {
        report.errors.push(`${file}: heading "${heading}" has no explicit {#anchor}; add one so links survive the language switch`);
      }
    }
    const from = koPage.frontMatter.translated_from;
    if (typeof from !== 'string' || !insideGit || !gitOk(siteDir, ['cat-file', '-e', `${from}^{commit}`])) {
      report.unstamped.push(`${koFile} (run npm run i18n:stamp -- ${enFile} after committing)`);
    } else if (!gitOk(siteDir, ['diff', '--quiet', from, '--', enFile])) {
      report.outdated.push(`${koFile} was translated from ${from.slice(0, 12)}; ${enFile} has changed since (git diff ${from.slice(0, 12)} -- ${enFile})`);
    }
  }
  return report;
}

/** Dates parsed by YAML and the same date as a string compare equal. */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value ?? null;
}
