/**
 * HNSW cosine index over paragraph vectors (hnswlib-node), with a checked
 * on-disk format. hnswlib's own reader trusts its input, and a damaged file
 * can make it allocate wildly or crash the process, so the saved file wraps
 * hnswlib's bytes in a header with a SHA-256 and we validate before parsing:
 *
 *   0   8  magic "STEMHNS1"
 *   8   4  u32 format version (1)
 *   12  4  u32 dimensions
 *   16  4  u32 rows
 *   20  4  u32 M
 *   24  4  u32 efConstruction
 *   28  4  u32 reserved, 0
 *   32  8  f64 payload byte length
 *   40  32 SHA-256 of the payload
 *   72  …  hnswlib index bytes
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { CoreError } from '../errors.js';
import type { HnswBuildOptions, HnswIndex, KnnResult, NeighbourIndex } from './types.js';
import { plainArray } from '../util/vector.js';

const MAGIC = 'STEMHNS1';
const VERSION = 1;
const HEADER_BYTES = 72;

type Native = InstanceType<typeof hnswlib.HierarchicalNSW>;

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new CoreError('INVALID_OPTION', name, `must be a positive integer, got ${value}`);
  return value;
}

function tempPath(dir: string, base: string): string {
  return path.join(dir, `${base}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * Rows and row length of a row-major matrix.
 * @throws {CoreError} INVALID_OPTION when `dimensions` is not a positive integer or the matrix is not a whole number of rows.
 */
export function matrixShape(vectors: Float32Array, dimensions: number): { d: number; n: number } {
  const d = positiveInt('dimensions', dimensions);
  if (vectors.length % d !== 0) {
    throw new CoreError(
      'INVALID_OPTION',
      'vectors',
      `${vectors.length} values is not a whole number of ${d}-dimensional rows`,
    );
  }
  return { d, n: vectors.length / d };
}

/**
 * Builds a cosine HNSW index over the rows of a row-major n×d matrix; row i gets label i.
 * @throws {CoreError} INVALID_OPTION when the matrix is not a whole number of rows or options are out of range.
 */
export function buildHnswIndex(vectors: Float32Array, opts: HnswBuildOptions): HnswIndex {
  const { d, n } = matrixShape(vectors, opts.dimensions);
  const m = positiveInt('m', opts.m ?? 16);
  const efConstruction = positiveInt('efConstruction', opts.efConstruction ?? 100);
  const native = new hnswlib.HierarchicalNSW('cosine', d);
  // hnswlib rejects maxElements 0; an empty index is allowed and finds nothing.
  native.initIndex(Math.max(1, n), m, efConstruction, opts.seed ?? 100);
  for (let i = 0; i < n; i++) {
    native.addPoint(plainArray(vectors.subarray(i * d, (i + 1) * d)), i);
    if ((i + 1) % 1000 === 0) opts.onProgress?.(i + 1, n);
  }
  opts.onProgress?.(n, n);
  return wrap(native, d, n, m, efConstruction);
}

/**
 * Loads an index written by `save`, validating header and checksum first.
 * @throws {CoreError} INPUT_NOT_FOUND when the file is missing;
 *   INDEX_CORRUPT when it is damaged, not an index, or has other dimensions than expected.
 */
export function loadHnswIndex(
  file: string,
  opts: { readonly dimensions?: number } = {},
): HnswIndex {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE';
    throw new CoreError(code, file, (error as Error).message, { cause: error });
  }
  const corrupt = (detail: string, cause?: unknown): CoreError =>
    new CoreError('INDEX_CORRUPT', file, detail, cause === undefined ? undefined : { cause });
  if (bytes.length < HEADER_BYTES)
    throw corrupt(`${bytes.length} bytes is shorter than the header`);
  if (bytes.toString('latin1', 0, 8) !== MAGIC) throw corrupt('bad magic: not a Stemma index file');
  const version = bytes.readUInt32LE(8);
  if (version !== VERSION) throw corrupt(`format version ${version}, expected ${VERSION}`);
  const d = bytes.readUInt32LE(12);
  const n = bytes.readUInt32LE(16);
  const m = bytes.readUInt32LE(20);
  const efConstruction = bytes.readUInt32LE(24);
  const payloadBytes = bytes.readDoubleLE(32);
  if (bytes.length !== HEADER_BYTES + payloadBytes) {
    throw corrupt(`size ${bytes.length} bytes, header implies ${HEADER_BYTES + payloadBytes}`);
  }
  const payload = bytes.subarray(HEADER_BYTES);
  if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(40, 72)))
    throw corrupt('checksum mismatch');
  if (opts.dimensions !== undefined && opts.dimensions !== d) {
    throw corrupt(`index has ${d} dimensions, the vectors have ${opts.dimensions}`);
  }

  // hnswlib-node reads only from a path, so hand it the verified payload via a temp file.
  const tmp = tempPath(os.tmpdir(), 'stemma-hnsw');
  const native = new hnswlib.HierarchicalNSW('cosine', d);
  try {
    fs.writeFileSync(tmp, payload);
    native.readIndexSync(tmp);
  } catch (error) {
    throw corrupt(`hnswlib cannot read it: ${(error as Error).message}`, error);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  if (native.getCurrentCount() !== n || native.getNumDimensions() !== d) {
    throw corrupt(
      `holds ${native.getCurrentCount()}×${native.getNumDimensions()}, header says ${n}×${d}`,
    );
  }
  return wrap(native, d, n, m, efConstruction);
}

/** What {@link neighbourSearch} calls: hnswlib's graph and its brute-force index alike. */
interface NativeSearch {
  searchKnn(
    query: number[],
    k: number,
    filter?: (label: number) => boolean,
  ): { readonly neighbors: number[]; readonly distances: number[] };
}

/**
 * `search` and `knn` over a native index of n rows with labels 0..n−1;
 * `prepare` readies it for a search of k at ef (a graph sets its ef).
 */
export function neighbourSearch(
  native: NativeSearch,
  d: number,
  n: number,
  prepare: (k: number, ef: number | undefined) => void,
): NeighbourIndex {
  const search: NeighbourIndex['search'] = (vector, opts) => {
    if (vector.length !== d)
      throw new CoreError(
        'INVALID_OPTION',
        'query',
        `length ${vector.length}, index has ${d} dimensions`,
      );
    const k = Math.min(positiveInt('k', opts.k), n);
    if (n === 0) return { labels: [], similarities: [] };
    prepare(k, opts.ef);
    const q = plainArray(vector);
    const r =
      opts.filter === undefined ? native.searchKnn(q, k) : native.searchKnn(q, k, opts.filter);
    // hnswlib returns nearest first; distance = 1 − cosine.
    return { labels: r.neighbors, similarities: r.distances.map((x) => 1 - x) };
  };
  return {
    dimensions: d,
    size: n,
    search,
    knn(queries, opts): KnnResult {
      if (queries.length % d !== 0) {
        throw new CoreError(
          'INVALID_OPTION',
          'queries',
          `${queries.length} values is not a whole number of ${d}-dimensional rows`,
        );
      }
      const k = positiveInt('k', opts.k);
      const rows = queries.length / d;
      const neighbors = new Int32Array(rows * k).fill(-1);
      const similarities = new Float32Array(rows * k).fill(Number.NaN);
      for (let i = 0; i < rows; i++) {
        const r = search(queries.subarray(i * d, (i + 1) * d), {
          k,
          ...(opts.ef === undefined ? {} : { ef: opts.ef }),
        });
        r.labels.forEach((label, j) => {
          neighbors[i * k + j] = label;
          similarities[i * k + j] = r.similarities[j] as number;
        });
      }
      return { k, neighbors, similarities };
    },
  };
}

function wrap(native: Native, d: number, n: number, m: number, efConstruction: number): HnswIndex {
  let currentEf = -1;
  const setEf = (k: number, ef: number | undefined): void => {
    const want = Math.max(k, ef ?? Math.max(64, 2 * k));
    if (want !== currentEf) {
      native.setEf(want);
      currentEf = want;
    }
  };
  return {
    ...neighbourSearch(native, d, n, setEf),
    save(file) {
      const dir = path.dirname(path.resolve(file));
      fs.mkdirSync(dir, { recursive: true });
      const raw = tempPath(dir, path.basename(file));
      const out = tempPath(dir, path.basename(file));
      try {
        native.writeIndexSync(raw);
        const payload = fs.readFileSync(raw);
        const header = Buffer.alloc(HEADER_BYTES);
        header.write(MAGIC, 0, 'latin1');
        header.writeUInt32LE(VERSION, 8);
        header.writeUInt32LE(d, 12);
        header.writeUInt32LE(n, 16);
        header.writeUInt32LE(m, 20);
        header.writeUInt32LE(efConstruction, 24);
        header.writeDoubleLE(payload.length, 32);
        createHash('sha256').update(payload).digest().copy(header, 40);
        fs.writeFileSync(out, Buffer.concat([header, payload]));
        fs.renameSync(out, file);
      } finally {
        fs.rmSync(raw, { force: true });
        fs.rmSync(out, { force: true });
      }
    },
  };
}
