/** Medians of a page's Lighthouse runs and the report line and verdict for them. */

/** The middle value; for an even count the upper middle (the bench runs an odd number by default). */
export function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** The value seen most often (ties: the first). */
function mostCommon(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** `…/main.1a2b3c.js` for a script URL; the whole string for anything else. */
const shortUrl = (url) => (url.startsWith('http') ? new URL(url).pathname.split('/').pop() || url : url);

/**
 * @param {string} type Page type.
 * @param {'mobile' | 'desktop'} formFactor
 * @param {Array<Record<string, any>>} runs What audit() returned for each run.
 * @param {{performance: number, accessibility: number}} budget Mobile budget.
 */
export function summarise(type, formFactor, runs, budget) {
  const m = (key) => median(runs.map((r) => r[key]));
  const row = {
    type, formFactor,
    performance: m('performance'), accessibility: m('accessibility'),
    lcpMs: m('lcpMs'), tbtMs: m('tbtMs'), cls: m('cls'), longestTaskMs: m('longestTaskMs'), jsKB: m('jsKB'),
    longestTaskUrl: shortUrl(mostCommon(runs.map((r) => r.longestTaskUrl)) ?? ''),
    performanceRange: [Math.min(...runs.map((r) => r.performance)), Math.max(...runs.map((r) => r.performance))],
    failingA11y: [...new Set(runs.flatMap((r) => r.failingA11y))],
  };
  const performancePass = row.performance >= budget.performance;
  const accessibilityPass = row.accessibility >= budget.accessibility;
  row.pass = performancePass && accessibilityPass;
  const budgeted = formFactor === 'mobile';
  row.line = `${type.padEnd(13)} ${formFactor.padEnd(7)} perf ${row.performance.toFixed(2)} (runs ${row.performanceRange.map((p) => p.toFixed(2)).join('–')})  a11y ${row.accessibility.toFixed(2)}  TBT ${row.tbtMs.toFixed(0)} ms  longest task ${row.longestTaskMs.toFixed(0)} ms${row.longestTaskUrl ? ` (${row.longestTaskUrl})` : ''}  LCP ${(row.lcpMs / 1000).toFixed(2)} s  CLS ${row.cls.toFixed(3)}  JS ${row.jsKB.toFixed(0)} KB${budgeted && !row.pass ? '  OVER BUDGET' : ''}${row.failingA11y.length ? `  a11y audits below 1: ${row.failingA11y.join(', ')}` : ''}`;
  const mark = (pass) => (pass ? 'PASS' : 'FAIL');
  row.verdict = `${mark(row.pass)}  ${type}: mobile performance ${row.performance.toFixed(2)} (>= ${budget.performance}: ${mark(performancePass)}), accessibility ${row.accessibility.toFixed(2)} (= ${budget.accessibility}: ${mark(accessibilityPass)}), TBT ${row.tbtMs.toFixed(0)} ms, longest task ${row.longestTaskMs.toFixed(0)} ms, median of ${runs.length} runs`;
  return row;
}
