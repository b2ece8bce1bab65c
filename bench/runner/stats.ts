/** Small statistics and number formatting for the bench's report lines. */

/** The p-th percentile (0–100) of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The middle value (upper middle for an even count). */
export function median(values: readonly number[]): number {
  return percentile(ascending(values), 50);
}

export const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** `runner/bare` as `1.04×`. */
export const ratio = (runner: number, bare: number): string => (bare > 0 ? `${fmt(runner / bare)}×` : 'n/a');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
