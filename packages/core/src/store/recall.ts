/**
 * How well the stored HNSW graph finds a vector's true nearest neighbours:
 * recall@k against exact (brute-force cosine) search over the stored vectors.
 * A measurement for the scale benchmark; it changes nothing.
 */

import { CoreError } from '../errors.js';

/**
 * Recall@k of one approximate answer: the share of the k exact neighbours it
 * found. Ties count as found: a returned point at least as similar as the
 * k-th exact neighbour (within `epsilon`) belongs to some exact top k, so two
 * identical stored vectors never cost recall.
 * @param found similarities of the points the approximate search returned.
 * @param exact the exact similarities, most similar first (at least k, or all there are).
 * @returns a number in [0, 1]; 1 when there is nothing to find.
 * @throws CoreError INVALID_ARGUMENT when k is not a positive integer.
 */
export function recallAtK(
  found: readonly number[],
  exact: readonly number[],
  k: number,
  epsilon = 1e-5,
): number {
  if (!Number.isInteger(k) || k < 1)
    throw new CoreError('INVALID_ARGUMENT', 'recallAtK: k', 'a positive integer');
  const want = Math.min(k, exact.length);
  if (want === 0) return 1;
  const floor = (exact[want - 1] ?? 0) - epsilon;
  const hits = found.slice(0, k).filter((s) => s >= floor).length;
  return Math.min(hits, want) / want;
}

/**
 * The k largest dot products of `query` with the rows of `rows` (row-major,
 * `d` wide), most similar first: cosine similarities when both are unit vectors.
 */
export function exactTopK(query: Float32Array, rows: Float32Array, d: number, k: number): number[] {
  const top: number[] = [];
  const n = Math.floor(rows.length / d);
  for (let r = 0; r < n; r++) {
    let s = 0;
    const o = r * d;
    for (let j = 0; j < d; j++) s += query[j]! * rows[o + j]!;
    if (top.length < k) top.push(s);
    else if (s > top[k - 1]!) top[k - 1] = s;
    else continue;
    // One insertion step keeps the list sorted, most similar first.
    for (let i = top.length - 1; i > 0 && top[i - 1]! < top[i]!; i--)
      [top[i - 1], top[i]] = [top[i]!, top[i - 1]!];
  }
  return top.slice(0, k);
}
