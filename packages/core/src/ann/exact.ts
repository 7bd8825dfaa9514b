/**
 * Nearest rows for the many small matrices the pipeline searches (a stored
 * group's paragraphs, its stories' event vectors): exact search through
 * hnswlib's brute-force index. It computes the same cosine distance with the
 * same code as the HNSW graph, so a search the graph answers exhaustively
 * (as many rows as its beam or fewer) gives the same rows at the same
 * similarities; building the graph was most of the cost.
 */

import hnswlib from 'hnswlib-node';
import { plainArray } from '../util/vector.js';
import { buildHnswIndex, matrixShape, neighbourSearch } from './hnsw.js';
import type { HnswBuildOptions, NeighbourIndex } from './types.js';

/**
 * Most rows searched exactly; above it an HNSW graph is built. A graph
 * costs about efConstruction (100) distances per row to build and a beam's
 * worth (64 and more) per search, exact search n per search, so exact
 * search costs less up to a few hundred rows and is exact. Kept at 64, the
 * graph's smallest beam (where it answers exhaustively too): the results
 * are then the graph's, byte for byte.
 */
export const EXACT_ROWS = 64;

/**
 * Exact cosine search over the rows of a row-major n×d matrix; row i gets label i.
 * @throws {CoreError} INVALID_OPTION when the matrix is not a whole number of rows.
 */
export function exactIndex(vectors: Float32Array, dimensions: number): NeighbourIndex {
  const { d, n } = matrixShape(vectors, dimensions);
  const native = new hnswlib.BruteforceSearch('cosine', d);
  // hnswlib rejects maxElements 0; an empty index is allowed and finds nothing.
  native.initIndex(Math.max(1, n));
  for (let i = 0; i < n; i++) native.addPoint(plainArray(vectors.subarray(i * d, (i + 1) * d)), i);
  return neighbourSearch(native, d, n, () => {});
}

/**
 * The index a search over these rows needs: exact for at most
 * {@link EXACT_ROWS} rows, else an HNSW graph built with `opts`.
 * @throws {CoreError} INVALID_OPTION when the matrix is not a whole number of rows or options are out of range.
 */
export function neighbourIndex(vectors: Float32Array, opts: HnswBuildOptions): NeighbourIndex {
  const rows = vectors.length / opts.dimensions;
  if (Number.isInteger(rows) && rows <= EXACT_ROWS) {
    const index = exactIndex(vectors, opts.dimensions);
    opts.onProgress?.(rows, rows);
    return index;
  }
  return buildHnswIndex(vectors, opts);
}
