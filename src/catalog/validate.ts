/**
 * Validation of the whole catalog: each page's front matter against the schema, then the rules
 * that span pages (unique ids, `related` ids that resolve, error patterns that match their own
 * example). Returns every problem at once, each naming the file and the field, so one build
 * run shows all that needs fixing.
 */
import path from 'node:path';
import {frontMatterSchema, type FrontMatter} from './frontmatter';

export type PageSource = {
  /** Path of the Markdown file, relative to the site root; it names the problem. */
  file: string;
  frontMatter: Record<string, unknown>;
};

export type ValidPage = {file: string; frontMatter: FrontMatter};

export type Problem = {file: string; field: string; message: string};

export function formatProblem(problem: Problem): string {
  return `${problem.file}: front matter "${problem.field}" ${problem.message}`;
}

/** Compiles a pattern the way /find uses it: case-insensitive. Throws on a bad pattern. */
export function compilePattern(regex: string): RegExp {
  return new RegExp(regex, 'i');
}

export type CatalogCheckOptions = {
  /** Lab ids that exist under labs/scenarios; a lab page must be one of them. */
  labIds?: ReadonlySet<string>;
};

export function validatePages(
  sources: readonly PageSource[],
  options: CatalogCheckOptions = {},
): {pages: ValidPage[]; problems: Problem[]} {
  const problems: Problem[] = [];
  const pages: ValidPage[] = [];

  for (const source of sources) {
    const parsed = frontMatterSchema.safeParse(source.frontMatter);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          file: source.file,
          field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'type'),
          message: issue.code === 'unrecognized_keys' ? `is not a known field (${issue.message})` : issue.message,
        });
      }
      continue;
    }
    const fm = parsed.data;
    const stem = path.basename(source.file).replace(/\.mdx?$/, '');
    if (stem !== 'index' && fm.id !== stem) {
      problems.push({file: source.file, field: 'id', message: `is "${fm.id}" but the file is named "${stem}"; name the file after its id`});
    }
    if (fm.type !== 'overview') {
      fm.error_patterns.forEach((pattern, index) => {
        let re: RegExp;
        try {
          re = compilePattern(pattern.regex);
        } catch (error) {
          problems.push({file: source.file, field: `error_patterns.${index}.regex`, message: `does not compile: ${(error as Error).message}`});
          return;
        }
        if (!re.test(pattern.example)) {
          problems.push({file: source.file, field: `error_patterns.${index}.example`, message: `is not matched by its regex /${pattern.regex}/i`});
        }
      });
    }
    if (fm.type === 'case') {
      // Evidence the page cannot confirm must not look confirmed: a public case with no address
      // for its original is retold from a summary and says so; our own incidents have a day.
      if (fm.source === 'public' && !fm.source_url && !fm.unverified) {
        problems.push({file: source.file, field: 'unverified', message: 'must be true for a public case without source_url: say that the original could not be confirmed'});
      }
      if (fm.source === 'internal' && !fm.date) {
        problems.push({file: source.file, field: 'date', message: 'is required for a case of our own cluster: give the day of the incident (YYYY-MM-DD)'});
      }
    }
    if (fm.type === 'lab' && options.labIds && !options.labIds.has(fm.id)) {
      problems.push({file: source.file, field: 'id', message: `names no lab: there is no labs/scenarios/${fm.id}/lab.yaml`});
    }
    pages.push({file: source.file, frontMatter: fm});
  }

  // Section overviews are all named index and are never the target of `related`.
  const seen = new Map<string, string>();
  for (const page of pages) {
    if (page.frontMatter.type === 'overview') continue;
    const other = seen.get(page.frontMatter.id);
    if (other) {
      problems.push({file: page.file, field: 'id', message: `"${page.frontMatter.id}" is already used by ${other}; ids must be unique`});
    } else {
      seen.set(page.frontMatter.id, page.file);
    }
  }
  for (const page of pages) {
    page.frontMatter.related.forEach((ref, index) => {
      if (!seen.has(ref)) {
        problems.push({file: page.file, field: `related.${index}`, message: `"${ref}" is not the id of any page`});
      } else if (ref === page.frontMatter.id) {
        problems.push({file: page.file, field: `related.${index}`, message: 'names the page itself'});
      }
    });
  }
  return {pages, problems};
}
