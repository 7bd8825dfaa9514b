/**
 * The index's vectors as an hnswlib-node graph that grows and shrinks:
 * points are added under their `vectors.label`, removed with `markDelete`,
 * and the graph is resized as it fills. On disk the hnswlib bytes are wrapped
 * in a header with a SHA-256 and the SQLite generation they match (hnswlib's
 * own reader trusts its input, so nothing is handed to it unchecked):
 *
 *   0   8  magic "STEMVEC1"
 *   8   4  u32 format version (1)
 *   12  4  u32 dimensions
 *   16  4  u32 live points
 *   20  4  u32 points in the graph, deleted ones included
 *   24  8  f64 generation of the database this file matches
 *   32  8  f64 payload byte length
 *   40  32 SHA-256 of the payload
 *   72  …  hnswlib index bytes
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { plainArray } from '../util/vector.js';

const MAGIC = 'STEMVEC1';
const VERSION = 1;
const HEADER_BYTES = 72;
const M = 16;
const EF_CONSTRUCTION = 100;
const SEED = 100;
/**
 * The most points a segment takes before new ones start the next: inserting
 * into an HNSW graph slows as it grows (×3 per point from 20k to 60k points
 * of the bench's 100-dimension vectors), so the graphs adds fill are kept
 * this size. A write may keep a larger graph it built anyway as one segment
 * (`IndexStore.add`'s `graph`); new points then start the next.
 */
export const SEGMENT_POINTS = 65_536;
/** {@link searchEf}'s floor (the ef every search used before), its ceiling, and its slope. */
const EF_MIN = 64;
const EF_MAX = 2048;
const EF_PER_K = 2.6;
/**
 * {@link searchEf}'s slope for a segment over {@link SEGMENT_POINTS} points
 * (a graph a write kept whole). Fitted at one size: the 100,000-article
 * bench's first add keeps one segment of 596,311 points, where recall@10
 * (`npm run bench -- scale --articles 100000 --ef-sweep 900`, 1,000 stored
 * vectors, 2-core Intel Xeon, 2026-12-06) was 0.941 at the slope 2.6's ef
 * 635 and 0.960 at ef 900; 3.7 gives 904 there.
 */
const EF_PER_K_LARGE = 3.7;

type Native = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** Why a vector file cannot be used (the caller words the error). */
export class VectorFileError extends Error {
  override readonly name = 'VectorFileError';
  /** The file's name, when the reader knows which of the index's files it is. */
  readonly file: string | undefined;

  constructor(message: string, options?: { readonly file?: string; readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.file = options?.file;
  }
}

export interface VectorFileHeader {
  readonly dimensions: number;
  readonly live: number;
  readonly points: number;
  readonly generation: number;
}

/** A mutable cosine HNSW graph over labelled unit vectors. */
export class VectorGraph {
  readonly dimensions: number;
  #native: Native;
  #live: number;

  private constructor(native: Native, dimensions: number, live: number) {
    this.#native = native;
    this.dimensions = dimensions;
    this.#live = live;
  }

  /** An empty graph. */
  static create(dimensions: number, capacity = 1024): VectorGraph {
    const native = new hnswlib.HierarchicalNSW('cosine', dimensions);
    native.initIndex(Math.max(16, capacity), M, EF_CONSTRUCTION, SEED);
    return new VectorGraph(native, dimensions, 0);
  }

  /**
   * Reads a file written by {@link save}, checking magic, size and checksum first.
   * @throws {VectorFileError} when the file is missing, damaged or not a vector file.
   */
  static load(file: string): { readonly graph: VectorGraph; readonly header: VectorFileHeader } {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (error) {
      throw new VectorFileError(`cannot read ${path.basename(file)}: ${(error as Error).message}`);
    }
    // Not in the index folder: a reader needs no write access there, and a writer's sweep never meets it.
    const tmp = path.join(os.tmpdir(), `stemma-vectors.${process.pid}.${Date.now()}.tmp`);
    let header: VectorFileHeader;
    try {
      const head = Buffer.alloc(HEADER_BYTES);
      const read = fs.readSync(fd, head, 0, HEADER_BYTES, 0);
      header = readHeader(head.subarray(0, read), fs.fstatSync(fd).size);
      // The payload is checked while it is copied for hnswlib (which reads
      // only from a path), a chunk at a time: a graph of a million points
      // is half a gigabyte, not to be held twice.
      const out = fs.openSync(tmp, 'w');
      let digest: Buffer;
      try {
        digest = copyChunks(fd, HEADER_BYTES, out);
      } finally {
        fs.closeSync(out);
      }
      if (!digest.equals(head.subarray(40, 72))) throw new VectorFileError('checksum mismatch');
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      if (error instanceof VectorFileError) throw error;
      throw new VectorFileError(`cannot read ${path.basename(file)}: ${(error as Error).message}`);
    } finally {
      fs.closeSync(fd);
    }
    const native = new hnswlib.HierarchicalNSW('cosine', header.dimensions);
    try {
      native.readIndexSync(tmp);
    } catch (error) {
      throw new VectorFileError(`hnswlib cannot read it: ${(error as Error).message}`);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    if (native.getCurrentCount() !== header.points)
      throw new VectorFileError(
        `holds ${native.getCurrentCount()} points, header says ${header.points}`,
      );
    return { graph: new VectorGraph(native, header.dimensions, header.live), header };
  }

  /** The file the points were moved to by {@link spill}, until they are read back. */
  #spilled: string | null = null;
  /** How many points were moved out (deleted ones included): counted without reading them back. */
  #spilledPoints = 0;

  /**
   * Moves the graph out of memory into `file` (hnswlib's bytes, unchecked:
   * a file of the writer's own, in the index folder, which the next writer
   * sweeps if this one is killed) until it is next used. A write holds the
   * graph of its new paragraphs from finding groups to the commit that
   * stores it as a segment; meanwhile the groups are related, the write's
   * peak, and a million points are half a gigabyte.
   */
  spill(file: string): void {
    if (this.#spilled !== null) return;
    this.#spilledPoints = this.#native.getCurrentCount();
    this.#native.writeIndexSync(file);
    this.#spilled = file;
    // initIndex frees the graph it replaces.
    this.#native.initIndex(16, M, EF_CONSTRUCTION, SEED);
  }

  /** Frees the graph (and removes its {@link spill} file): it is not used again. */
  discard(): void {
    if (this.#spilled !== null) fs.rmSync(this.#spilled, { force: true });
    this.#spilled = null;
    this.#native.initIndex(16, M, EF_CONSTRUCTION, SEED);
    this.#live = 0;
  }

  /** The native graph, read back first if {@link spill} moved it out. */
  #ready(): Native {
    const file = this.#spilled;
    if (file !== null) {
      this.#native.readIndexSync(file);
      this.#spilled = null;
      fs.rmSync(file, { force: true });
    }
    return this.#native;
  }

  /** Points that searches can find. */
  get live(): number {
    return this.#live;
  }

  /** Points in the graph, deleted ones included. */
  get points(): number {
    return this.#spilled === null ? this.#native.getCurrentCount() : this.#spilledPoints;
  }

  /** Every label in the graph, deleted ones included. */
  labels(): number[] {
    return this.#ready().getIdsList();
  }

  /** Room for `points` in all without a resize (adding many at once). */
  reserve(points: number): void {
    if (points > this.#ready().getMaxElements()) this.#ready().resizeIndex(points);
  }

  /** Adds one unit vector under `label`, doubling the graph's capacity when full. */
  add(label: number, vector: Float32Array): void {
    const max = this.#ready().getMaxElements();
    if (this.#ready().getCurrentCount() >= max) this.#ready().resizeIndex(max * 2);
    this.#ready().addPoint(plainArray(vector), label);
    this.#live++;
  }

  /** Hides a label from every later search (hnswlib keeps the point in the graph). */
  remove(label: number): void {
    this.#ready().markDelete(label);
    this.#live--;
  }

  /**
   * The k nearest live points: labels and cosine similarities, nearest first.
   * `ef` (the search's candidate list) defaults to {@link searchEf}.
   */
  search(
    vector: Float32Array,
    k: number,
    ef?: number,
  ): { labels: number[]; similarities: number[] } {
    const n = Math.min(k, this.#live);
    if (n <= 0) return { labels: [], similarities: [] };
    this.#ready().setEf(Math.max(n, ef ?? searchEf(n, this.#live)));
    const r = this.#ready().searchKnn(plainArray(vector), n);
    return { labels: r.neighbors, similarities: r.distances.map((x) => 1 - x) };
  }

  /**
   * Writes the graph to `file` tagged with `generation`: to a temporary name
   * in the same folder, flushed to disk, then renamed over `file`.
   */
  save(file: string, generation: number): void {
    const dir = path.dirname(file);
    const raw = `${file}.${process.pid}.raw.tmp`;
    const out = `${file}.${process.pid}.tmp`;
    try {
      this.#ready().writeIndexSync(raw);
      const payloadBytes = fs.statSync(raw).size;
      const header = Buffer.alloc(HEADER_BYTES);
      header.write(MAGIC, 0, 'latin1');
      header.writeUInt32LE(VERSION, 8);
      header.writeUInt32LE(this.dimensions, 12);
      header.writeUInt32LE(this.#live, 16);
      header.writeUInt32LE(this.points, 20);
      header.writeDoubleLE(generation, 24);
      header.writeDoubleLE(payloadBytes, 32);
      const fd = fs.openSync(out, 'w');
      try {
        // The payload goes after the header a chunk at a time, hashed on the
        // way; the hash is written into the header last.
        fs.writeSync(fd, header);
        const from = fs.openSync(raw, 'r');
        try {
          copyChunks(from, 0, fd).copy(header, 40);
        } finally {
          fs.closeSync(from);
        }
        fs.writeSync(fd, header, 40, 32, 40);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(out, file);
      syncFolder(dir);
    } finally {
      fs.rmSync(raw, { force: true });
      fs.rmSync(out, { force: true });
    }
  }
}

/**
 * The search's candidate list (hnswlib's ef) for k neighbours among `live`
 * points: at a fixed ef, recall@k falls as the graph grows, so ef grows with
 * k and with the square root of the size (≥ 64, ≤ 2048).
 *
 * Measured with `indexRecall` (1,000 stored vectors as queries, k = 10, this
 * file's M = 16, efConstruction = 100) on `npm run bench -- scale --articles
 * N --ef-sweep …` indexes, 2-core AMD EPYC, 2026-12-05:
 *   N = 2,000 (11,933 vectors):  ef 32 0.981, 64 0.987, 128 0.994, 256 0.999;
 *                                 this rule's ef 90: 0.991
 *   N = 10,000 (59,628 vectors): ef 64 0.924, 128 0.950, 192 0.968,
 *                                 256 0.980, 384 0.991; this rule's ef 201: 0.970
 * Recall at ef 128 is 0.950 at 60k vectors and falls with size, so a fixed
 * ef cannot hold 0.95; the slope 2.6 keeps a margin at 60k. Segments filled
 * by adds hold at most {@link SEGMENT_POINTS}; a larger one (a graph a write
 * kept whole) takes the steeper {@link EF_PER_K_LARGE}: at 596,311 points
 * the slope 2.6 gave ef 635 and recall 0.941.
 */
export function searchEf(k: number, live: number): number {
  return Math.min(
    EF_MAX,
    Math.max(
      EF_MIN,
      2 * k,
      Math.ceil(k * (live > SEGMENT_POINTS ? EF_PER_K_LARGE : EF_PER_K) * Math.sqrt(live / 1000)),
    ),
  );
}

/**
 * The ef a search for `k` among `live` points runs at: `ef` when given, else
 * {@link searchEf}'s, and never under k (or all the points there are).
 */
export function efAmong(k: number, live: number, ef?: number): number {
  return Math.max(Math.min(k, live), ef ?? searchEf(k, live));
}

/**
 * The header of a vector file, checked for magic, version and size.
 * @throws {VectorFileError} when it is not a whole vector file.
 */
export function readHeader(bytes: Buffer, size = bytes.length): VectorFileHeader {
  if (bytes.length < HEADER_BYTES)
    throw new VectorFileError(`${size} bytes is shorter than the header`);
  if (bytes.toString('latin1', 0, 8) !== MAGIC)
    throw new VectorFileError('bad magic: not a Stemma vector file');
  const version = bytes.readUInt32LE(8);
  if (version !== VERSION) throw new VectorFileError(`format version ${version}, expected 1`);
  const payloadBytes = bytes.readDoubleLE(32);
  if (size !== HEADER_BYTES + payloadBytes)
    throw new VectorFileError(`size ${size} bytes, header implies ${HEADER_BYTES + payloadBytes}`);
  return {
    dimensions: bytes.readUInt32LE(12),
    live: bytes.readUInt32LE(16),
    points: bytes.readUInt32LE(20),
    generation: bytes.readDoubleLE(24),
  };
}

/** Bytes read and written at a time when a vector file is copied. */
const CHUNK_BYTES = 8 * 2 ** 20;

/**
 * Copies `from` (an open file) from byte `offset` to its end onto the
 * current position of `to`, and returns the SHA-256 of the bytes copied.
 */
function copyChunks(from: number, offset: number, to: number): Buffer {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = offset;
  for (;;) {
    const n = fs.readSync(from, chunk, 0, CHUNK_BYTES, at);
    if (n === 0) break;
    hash.update(chunk.subarray(0, n));
    fs.writeSync(to, chunk, 0, n);
    at += n;
  }
  return hash.digest();
}

/** Makes a rename in `dir` durable (a no-op where folders cannot be opened). */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; the rename is as durable as the OS makes it.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The index's vectors as segments: HNSW graphs over disjoint sets of labels,
 * each its own file, searched together. An add writes only the segments it
 * changes (new points go to the last one until it holds `SEGMENT_POINTS`,
 * then to a new one), so its cost does not grow with the index, and no graph
 * that adds fill grows past the size where inserting into it slows down
 * most (a graph a write built whole can be kept larger, see `IndexStore.add`).
 */
export class SegmentedGraph {
  readonly dimensions: number;
  readonly segments: readonly VectorGraph[];

  constructor(dimensions: number, segments: readonly VectorGraph[]) {
    this.dimensions = dimensions;
    this.segments = segments;
  }

  /** Points that searches can find. */
  get live(): number {
    return this.segments.reduce((n, g) => n + g.live, 0);
  }

  /** The largest ef a search for `k` uses in any segment (`ef` when given): each segment's ef follows its own size. */
  efFor(k: number, ef?: number): number {
    return this.segments.reduce((most, g) => Math.max(most, efAmong(k, g.live, ef)), 0);
  }

  /** Points in the graphs, deleted ones included. */
  get points(): number {
    return this.segments.reduce((n, g) => n + g.points, 0);
  }

  /** Every label in the graphs, deleted ones included. */
  labels(): number[] {
    return this.segments.flatMap((g) => g.labels());
  }

  /**
   * The k nearest live points over every segment: labels and cosine
   * similarities, nearest first (one segment: its own answer unchanged).
   */
  search(
    vector: Float32Array,
    k: number,
    ef?: number,
  ): { labels: number[]; similarities: number[] } {
    const [only, ...rest] = this.segments;
    if (only === undefined) return { labels: [], similarities: [] };
    if (rest.length === 0) return only.search(vector, k, ef);
    const found: { label: number; similarity: number }[] = [];
    for (const g of this.segments) {
      const r = g.search(vector, k, ef);
      r.labels.forEach((label, i) => found.push({ label, similarity: r.similarities[i] ?? 0 }));
    }
    // Stable: equal similarities keep segment order, as one graph keeps insertion order.
    found.sort((a, b) => b.similarity - a.similarity);
    const top = found.slice(0, k);
    return { labels: top.map((f) => f.label), similarities: top.map((f) => f.similarity) };
  }
}
