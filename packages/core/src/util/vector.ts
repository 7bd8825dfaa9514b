/**
 * Small pure vector helpers. The hot paths (encoding, ANN search) run in
 * TF.js or hnswlib; these are for checks, tests and the few places that
 * compare a handful of vectors in plain JavaScript.
 */

import { CoreError } from '../errors.js';

/** Anything indexable by number with a length: number[] or a typed array. */
export type VectorLike = ArrayLike<number>;

function assertSameLength(a: VectorLike, b: VectorLike): void {
  if (a.length !== b.length) {
    throw new CoreError('INVALID_OPTION', 'vectors', `length mismatch: ${a.length} vs ${b.length}`);
  }
}

/**
 * Dot product of two vectors.
 * @throws {CoreError} INVALID_OPTION when the lengths differ.
 */
export function dot(a: VectorLike, b: VectorLike): number {
  assertSameLength(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Euclidean (L2) norm of a vector.
 * @throws never.
 */
export function norm(a: VectorLike): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (a[i] as number);
  return Math.sqrt(sum);
}

/**
 * Cosine similarity in [-1, 1]. A zero vector has no direction, so its
 * similarity to anything is 0 (not NaN).
 * @throws {CoreError} INVALID_OPTION when the lengths differ.
 */
export function cosine(a: VectorLike, b: VectorLike): number {
  assertSameLength(a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  if (aa === 0 || bb === 0) return 0;
  return ab / Math.sqrt(aa * bb);
}

/**
 * A unit-length copy of the vector; a zero vector stays zero.
 * @throws never.
 */
export function normalize(a: VectorLike): Float32Array {
  const out = Float32Array.from(a);
  const n = norm(out);
  if (n > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / n;
  return out;
}

/**
 * Row `i` of a row-major n×d matrix, as a view (no copy).
 * @throws {CoreError} INVALID_OPTION when the row is out of range.
 */
export function row(matrix: Float32Array, dimensions: number, i: number): Float32Array {
  if (!Number.isInteger(i) || i < 0 || (i + 1) * dimensions > matrix.length) {
    throw new CoreError(
      'INVALID_OPTION',
      'row',
      `row ${i} out of range for ${matrix.length / dimensions} rows`,
    );
  }
  return matrix.subarray(i * dimensions, (i + 1) * dimensions);
}

/**
 * Dot product of row `i` of `a` and row `j` of `b`, both row-major with `d`
 * columns: the cosine of two unit-length rows, without copying either.
 * Rows past the end read as zeros.
 * @throws never.
 */
export function rowDot(
  a: ArrayLike<number>,
  i: number,
  b: ArrayLike<number>,
  j: number,
  d: number,
): number {
  let s = 0;
  const oa = i * d;
  const ob = j * d;
  for (let k = 0; k < d; k++) s += (a[oa + k] ?? 0) * (b[ob + k] ?? 0);
  return s;
}

/**
 * The values of `v` as a plain array, which hnswlib-node takes. A loop, not
 * `Array.from`: that walks a typed array through its iterator, ~80 µs for
 * a 2,048-dimension vector against ~9 (the event index converts two per
 * story, for each group an index write relates). The same numbers either way.
 * @throws never.
 */
export function plainArray(v: ArrayLike<number>): number[] {
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]!;
  return out;
}
