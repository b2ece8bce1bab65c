/**
 * The longest piece of plain text a regular expression cannot match without: a cheap test run
 * on a line before the expression itself, so a 64 KB paste is not matched line by line against
 * every page's every pattern.
 */

const PLAIN = /[\p{L}\p{N} "'`,:;=/<>!#%&@_~-]/u;
const ESCAPED_PLAIN = /[.()[\]{}/*+?|\\^$-]/;
const MIN_LITERAL_CHARS = 4;

/**
 * Lower-cased required literal of `source`, or '' when there is none worth testing (an
 * alternation at the top level, only short runs).
 */
export function requiredLiteral(source: string): string {
  const runs: string[] = [];
  let run = '';
  let depth = 0;
  let inClass = false;
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (inClass) {
      if (ch === '\\') i += 1;
      else if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i += 1;
      if (depth === 0 && ESCAPED_PLAIN.test(next)) run += next;
      else end();
      continue;
    }
    if (ch === '[') {
      inClass = true;
      end();
      continue;
    }
    if (ch === '(') {
      depth += 1;
      end();
      continue;
    }
    if (ch === ')') {
      depth -= 1;
      end();
      continue;
    }
    if (ch === '|') {
      if (depth === 0) return '';
      continue;
    }
    if (ch === '?' || ch === '*' || (ch === '{' && /^\{0,/.test(source.slice(i)))) {
      // The character before is optional: it is not required.
      run = run.slice(0, -1);
      end();
      continue;
    }
    if (depth === 0 && PLAIN.test(ch)) {
      run += ch;
      continue;
    }
    end();
  }
  end();
  const longest = runs.sort((a, b) => b.length - a.length)[0] ?? '';
  return longest.trim().length >= MIN_LITERAL_CHARS ? longest.toLowerCase() : '';
}

/**
 * A whole word inside the literal (with a non-word character on both sides within it), lower
 * case: a paste that does not have this word as a token cannot match, which a set lookup tells.
 */
export function requiredWord(literal: string): string {
  const words: string[] = [];
  const re = /[\p{L}\p{N}_]+/gu;
  for (const m of literal.matchAll(re)) {
    const before = m.index > 0;
    const after = m.index + m[0].length < literal.length;
    if (before && after) words.push(m[0]);
  }
  return words.sort((a, b) => b.length - a.length)[0] ?? '';
}
