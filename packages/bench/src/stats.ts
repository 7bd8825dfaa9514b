/**
 * The p-th percentile of `xs` by nearest rank: the smallest value with at
 * least p% of the values at or below it (so p99 of 50 values is their maximum).
 * @returns NaN for no values.
 * @throws {RangeError} when p is outside (0, 100].
 */
export function percentile(xs: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}
