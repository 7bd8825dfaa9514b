/**
 * Default encoder: SIF ("smooth inverse frequency", Arora, Liang & Ma 2017)
 * over the wink GloVe vectors.
 *
 *   v(s) = Σ_{w∈s} a/(a + p(w)) · v_w / |s|,  then remove the projection on
 *   a common direction c, then L2-normalise.
 *
 * p(w) has no published unigram table for these vectors, but `words` is in
 * frequency order, so a Zipf–Mandelbrot law p ∝ 1/(rank + k) estimates it.
 *
 * Two fits of p and c:
 * - `fixed`: p is the Zipf prior alone and c is the expected
 *   SIF vector of a text drawn from it, Σ_w p(w)·a/(a + p(w))·v_w over the
 *   whole (corrected) vocabulary, normalised. Both are functions of the word
 *   and of the vocabulary only, so a text's vector does not depend on the
 *   other texts of the call: vectors encoded one batch at a time (an index
 *   growing page by page) are comparable with each other and with a
 *   one-shot run's. c stands for Arora et al.'s first principal component:
 *   the uncentred component of many SIF vectors is close to their mean (the
 *   batch fit's power iteration starts from it), and the mean is what c
 *   estimates without the batch.
 * - `batch` (the default; Arora et al.'s): the batch's own word counts
 *   refine the prior (a Dirichlet blend), so boilerplate frequent in the
 *   batch is damped, and c is the first principal component of the batch's
 *   v(s) matrix. A text's vector then depends on the batch it is encoded in.
 *   It stays the default: with the fixed fit, `npm run eval` linked more
 *   independent reports of one event (SemEval, multilingual reuse), the rule
 *   cascade's thresholds being set on this fit's similarities (README,
 *   "Measured quality").
 *
 * Unknown words (names, mostly) get a deterministic pseudo-random vector
 * seeded by the word: identical rare names still match across copies and are
 * near-orthogonal to everything else.
 */

import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../errors.js';
import { fnv1a, seededOpenUnit } from '../util/random.js';
import { words } from '../text/tokenize.js';
import { applyCorrection, type WordSpaceCorrection } from './all-but-the-top.js';
import { cachedAllButTheTop } from './all-but-the-top-cache.js';
import type { EncoderInfo } from '../types.js';
import { ensureBackend, initBackend } from './backend.js';
import { loadGloveTable } from './glove-cache.js';
import { batchDone } from './progress.js';
import type { GloveTable } from './glove-cache.js';
import type { EncodeOptions, Encoder, SifEncoderOptions } from './types.js';

/** Zipf–Mandelbrot offset: p ∝ 1/(rank + k), k ≈ 2.7 for English. */
const ZIPF_K = 2.7;
/** Weight of the Zipf prior, in tokens, when blending with corpus counts (batch fit). */
const PRIOR_TOKENS = 100_000;
/** Coefficient-matrix elements per batch (rows × distinct words), bounding the largest tensor. */
const BATCH_SLOTS = 1 << 20;
const MAX_BATCH_ROWS = 1024;
const PROJECT_ROWS = 8192;
/**
 * Words whose table row an encoder keeps between calls: 2^16 rows of 100
 * floats is 26 MiB per encoder (one per relating thread), and more words
 * than a thousand news articles use.
 */
const ROW_CACHE_WORDS = 1 << 16;

interface BagRow {
  /** Local word ids of the distinct words of one text. */
  readonly ids: number[];
  /** Occurrences of each of those words. */
  readonly freq: number[];
  /** Tokens in the text. */
  readonly length: number;
}

/**
 * Creates the SIF encoder, loading (or first building) the GloVe cache and
 * initialising the fastest TF.js backend.
 * @throws {CoreError} ENCODER_UNAVAILABLE when the embeddings cannot be found;
 *   INVALID_OPTION for out-of-range options.
 */
export async function createSifEncoder(opts: SifEncoderOptions = {}): Promise<Encoder> {
  const backend = await initBackend(opts.backend, {
    onFallback: (name, reason) =>
      opts.onWarning?.(`TF.js backend "${name}" unavailable (${reason}); trying the next`),
  });
  const glove = loadGloveTable({
    ...(opts.cacheDir === undefined ? {} : { cacheDir: opts.cacheDir }),
    ...(opts.gloveJsonPath === undefined ? {} : { jsonPath: opts.gloveJsonPath }),
    ...((opts.onNotice ?? opts.onWarning) === undefined
      ? {}
      : { onWarning: (message: string) => (opts.onNotice ?? opts.onWarning)?.(message) }),
  });
  return new SifEncoder(glove.table, backend, opts, () => cachedAllButTheTop(glove));
}

class SifEncoder implements Encoder {
  readonly info: EncoderInfo;
  readonly batchIndependent: boolean;
  readonly #table: GloveTable;
  readonly #a: number;
  readonly #removePc: boolean;
  readonly #fit: 'fixed' | 'batch';
  /** The fixed fit's common direction, computed on first need. */
  #fixedDirection: Float32Array | null | undefined;
  readonly #pcSampleRows: number;
  readonly #pcMinRows: number;
  readonly #oovNorm: number;
  /** Normaliser of the Zipf law over the vocabulary: Σ 1/(r + k). */
  readonly #zipfZ: number;
  /** Shared directions removed from every word vector (all-but-the-top), or null when switched off. */
  readonly #correction: WordSpaceCorrection | null;
  /** {@link wordVector}'s answers so far. */
  readonly #wordVectors = new Map<string, Float32Array | undefined>();
  /**
   * Each word's row as the local table holds it (corrected GloVe row or
   * hashed vector): a function of the word alone, so a copy is the same
   * floats. Write-time relating encodes thousands of small groups that share
   * most of their words; reading and correcting each row again was a tenth
   * of its encoding time.
   */
  readonly #rows = new Map<string, Float32Array>();

  /**
   * @param correction the table's all-but-the-top correction (fitted once
   *   per table and cached on disk), asked for unless switched off.
   */
  constructor(
    table: GloveTable,
    backend: string,
    opts: SifEncoderOptions,
    correction: () => WordSpaceCorrection,
  ) {
    this.#table = table;
    this.#a = positive('a', opts.a ?? 1e-3);
    this.#removePc = opts.removeCommonComponent ?? true;
    const fit = opts.fit ?? 'batch';
    if (fit !== 'fixed' && fit !== 'batch')
      throw new CoreError(
        'INVALID_OPTION',
        'fit',
        `must be "fixed" or "batch", got ${String(fit)}`,
      );
    this.#fit = fit;
    this.batchIndependent = fit === 'fixed';
    this.#pcSampleRows = Math.floor(positive('pcSampleRows', opts.pcSampleRows ?? 20_000));
    this.#pcMinRows = Math.floor(positive('pcMinRows', opts.pcMinRows ?? 32));
    this.#oovNorm = positive('oovScale', opts.oovScale ?? 1) * (table.meanNorm || 1);
    let z = 0;
    for (let r = 0; r < table.count; r++) z += 1 / (r + ZIPF_K);
    this.#zipfZ = z;
    this.#correction = opts.allButTheTop === false ? null : correction();
    // The fits give vectors that must not be mixed in one index: the name tells them apart.
    this.info = {
      name: `sif-glove-${table.dimensions}d${fit === 'fixed' ? '-fixed' : ''}`,
      dimensions: table.dimensions,
      backend,
    };
  }

  /** Zipf probability of a word at `rank` (unknown words count as the rarest). */
  #zipf(rank: number): number {
    const r = rank < 0 ? this.#table.count : rank;
    return 1 / ((r + ZIPF_K) * this.#zipfZ);
  }

  async encode(texts: readonly string[], opts: EncodeOptions = {}): Promise<Float32Array> {
    await ensureBackend(this.info.backend);
    const d = this.info.dimensions;
    const n = texts.length;
    const out = new Float32Array(n * d);
    if (n === 0) return out;

    const docs = this.#bagOfWords(texts, opts.onTextTime);
    const weights =
      this.#fit === 'fixed'
        ? this.#priorWeights(docs.ranks)
        : this.#sifWeights(docs.counts, docs.totalTokens, docs.ranks);
    const table = tf.tensor2d(this.#localTable(docs.vocab, docs.ranks), [docs.vocab.length, d]);
    try {
      await this.#weightedAverages(docs.rows, weights, table, out, opts.onProgress);
    } finally {
      table.dispose();
    }

    let pc: Float32Array | null = null;
    if (this.#removePc && this.#fit === 'fixed') pc = this.#commonDirection();
    else if (this.#removePc) {
      const nonEmpty = docs.rows.filter((r) => r.ids.length > 0).length;
      if (nonEmpty >= this.#pcMinRows) pc = this.#firstComponent(out, docs.rows);
    }
    await this.#projectAndNormalise(out, n, pc);
    return out;
  }

  wordRank(word: string): number | undefined {
    const r = this.#table.rank(word);
    return r >= 0 ? r : undefined;
  }

  /**
   * The word's GloVe row with the all-but-the-top correction applied (as
   * every word the encoder averages), scaled to unit length; memoised.
   */
  wordVector(word: string): Float32Array | undefined {
    if (this.#wordVectors.has(word)) return this.#wordVectors.get(word);
    const r = this.#table.rank(word);
    const d = this.info.dimensions;
    let v: Float32Array | undefined;
    if (r >= 0) {
      v = new Float32Array(d);
      this.#table.readRow(r, v, 0);
      if (this.#correction) applyCorrection(this.#correction, v, [0], d);
      const len = Math.hypot(...v);
      if (len > 0) for (let i = 0; i < d; i++) v[i] = v[i]! / len;
      else v = undefined;
    }
    this.#wordVectors.set(word, v);
    return v;
  }

  /** The vocabulary in rank order (see Encoder.vocabulary). */
  vocabulary(): readonly string[] {
    const words: string[] = new Array<string>(this.#table.count);
    for (let r = 0; r < this.#table.count; r++) words[r] = this.#table.word(r);
    return words;
  }

  dispose(): void {
    // The encoder holds no tensors between calls; the GloVe table is plain memory.
  }

  /**
   * Tokenises every text into unique local word ids with counts, timing each
   * when asked. A text seen before (a content farm's copies) is tokenised
   * once; its words still count every time it occurs, so the weights are the
   * same.
   */
  #bagOfWords(
    texts: readonly string[],
    onTextTime: EncodeOptions['onTextTime'],
  ): {
    vocab: string[];
    counts: number[];
    ranks: number[];
    totalTokens: number;
    rows: BagRow[];
  } {
    const localIds = new Map<string, number>();
    const vocab: string[] = [];
    const counts: number[] = [];
    let totalTokens = 0;
    const seen = new Map<string, BagRow>();
    const rows = texts.map((text, i) => {
      const t0 = onTextTime ? performance.now() : 0;
      let row = seen.get(text);
      if (row === undefined) {
        const perText = new Map<number, number>();
        const tokens = words(text);
        for (const w of tokens) {
          let id = localIds.get(w);
          if (id === undefined) {
            id = vocab.length;
            localIds.set(w, id);
            vocab.push(w);
            counts.push(0);
          }
          perText.set(id, (perText.get(id) ?? 0) + 1);
        }
        row = { ids: [...perText.keys()], freq: [...perText.values()], length: tokens.length };
        seen.set(text, row);
      }
      row.ids.forEach((id, j) => (counts[id] = (counts[id] as number) + (row.freq[j] as number)));
      totalTokens += row.length;
      onTextTime?.(i, performance.now() - t0);
      return row;
    });
    const ranks = vocab.map((w) => this.#table.rank(w));
    return { vocab, counts, ranks, totalTokens, rows };
  }

  /** a/(a + p(w)) with p the Zipf prior alone (fixed fit): a function of the word's rank only. */
  #priorWeights(ranks: readonly number[]): Float32Array {
    const w = new Float32Array(ranks.length);
    for (let i = 0; i < ranks.length; i++)
      w[i] = this.#a / (this.#a + this.#zipf(ranks[i] as number));
    return w;
  }

  /**
   * The fixed fit's common direction: the expected SIF vector of a text whose
   * words are drawn from the Zipf prior, Σ_w p(w)·a/(a + p(w))·v_w over every
   * word of the table with the all-but-the-top correction applied, normalised
   * (null when it vanishes). Unknown words' hashed vectors are random and
   * contribute nothing in expectation. The correction is affine (subtract the
   * mean, then project), so the weighted sum of raw rows is corrected once.
   */
  #commonDirection(): Float32Array | null {
    if (this.#fixedDirection !== undefined) return this.#fixedDirection;
    const d = this.info.dimensions;
    const sum = new Float64Array(d);
    const row = new Float32Array(d);
    let total = 0;
    for (let r = 0; r < this.#table.count; r++) {
      const p = this.#zipf(r);
      const c = (p * this.#a) / (this.#a + p);
      total += c;
      this.#table.readRow(r, row, 0);
      for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + c * (row[j] as number);
    }
    // Σ c_w·P(v_w − m) / C = P(Σ c_w·v_w / C − m): the correction of the weighted mean row.
    const v = Float32Array.from(sum, (x) => x / total);
    if (this.#correction) applyCorrection(this.#correction, v, [0], d);
    const len = Math.hypot(...v);
    this.#fixedDirection = len > 0 ? v.map((x) => x / len) : null;
    return this.#fixedDirection;
  }

  /** a/(a + p(w)) with p blending corpus counts and the Zipf prior (batch fit). */
  #sifWeights(
    counts: readonly number[],
    totalTokens: number,
    ranks: readonly number[],
  ): Float32Array {
    const w = new Float32Array(counts.length);
    for (let i = 0; i < counts.length; i++) {
      const p =
        ((counts[i] as number) + PRIOR_TOKENS * this.#zipf(ranks[i] as number)) /
        (totalTokens + PRIOR_TOKENS);
      w[i] = this.#a / (this.#a + p);
    }
    return w;
  }

  /** GloVe rows for the corpus's words; hashed vectors for unknown ones. */
  #localTable(vocab: readonly string[], ranks: readonly number[]): Float32Array {
    const d = this.info.dimensions;
    const m = new Float32Array(Math.max(1, vocab.length) * d);
    const known: number[] = [];
    const fresh: number[] = [];
    vocab.forEach((word, i) => {
      const cached = this.#rows.get(word);
      if (cached !== undefined) {
        m.set(cached, i * d);
        return;
      }
      fresh.push(i);
      const rank = ranks[i] as number;
      if (rank >= 0) {
        this.#table.readRow(rank, m, i * d);
        known.push(i);
      } else hashedVector(word, d, this.#oovNorm, m, i * d);
    });
    // The correction works row by row, so correcting only the uncached rows
    // gives each the floats it had when corrected with the rest.
    if (this.#correction) applyCorrection(this.#correction, m, known, d);
    for (const i of fresh) {
      if (this.#rows.size >= ROW_CACHE_WORDS) break;
      this.#rows.set(vocab[i] as string, m.slice(i * d, (i + 1) * d));
    }
    return m;
  }

  /**
   * Σ weight·count/|s| · v_w for every text, as one dense matMul per batch:
   * [B × U coefficients] · [U × d gathered rows], U = distinct words of the
   * batch. Measured on wasm this is ~3x faster than gathering a padded
   * [B × width × d] tensor (tfjs-backend-wasm's gather is slow), and the
   * coefficient matrix is bounded by BATCH_SLOTS so memory stays flat for
   * any corpus size.
   */
  async #weightedAverages(
    rows: readonly BagRow[],
    weights: Float32Array,
    table: tf.Tensor2D,
    out: Float32Array,
    onProgress: EncodeOptions['onProgress'],
  ): Promise<void> {
    const d = this.info.dimensions;
    const n = rows.length;
    let start = 0;
    while (start < n) {
      // Grow the batch while B × U stays within budget; consecutive
      // paragraphs of one story share many words, so U grows slowly.
      const columns = new Map<number, number>();
      let end = start;
      while (end < n && end - start < MAX_BATCH_ROWS) {
        const r = rows[end] as BagRow;
        let added = 0;
        for (const id of r.ids) if (!columns.has(id)) added++;
        if (end > start && (end - start + 1) * (columns.size + added) > BATCH_SLOTS) break;
        for (const id of r.ids) if (!columns.has(id)) columns.set(id, columns.size);
        end++;
      }
      const b = end - start;
      const u = Math.max(1, columns.size);
      const coef = new Float32Array(b * u);
      for (let i = 0; i < b; i++) {
        const r = rows[start + i] as BagRow;
        for (let j = 0; j < r.ids.length; j++) {
          const id = r.ids[j] as number;
          coef[i * u + (columns.get(id) as number)] =
            ((weights[id] as number) * (r.freq[j] as number)) / r.length;
        }
      }
      const ids = columns.size === 0 ? new Int32Array(1) : Int32Array.from(columns.keys());
      // A batch of every text (all of a query's, most calls') has every word,
      // numbered as first met, which is the table's order: the gather would
      // copy the table as it is, and wasm's gather was a third of a query's
      // encoding time.
      const whole = ids.length === table.shape[0] && ids.every((id, i) => id === i);
      const sums = tf.tidy(() =>
        tf.matMul(
          tf.tensor2d(coef, [b, u]),
          whole ? table : tf.gather(table, tf.tensor1d(ids, 'int32')),
        ),
      );
      out.set((await sums.data()) as Float32Array, start * d);
      sums.dispose();
      start = end;
      await batchDone(onProgress, start, n);
    }
  }

  /**
   * First right singular vector of the (uncentred) paragraph matrix, as in
   * Arora et al.'s TruncatedSVD, fitted on an evenly spaced sample of
   * non-empty rows by power iteration on the d×d Gram matrix.
   */
  #firstComponent(x: Float32Array, rows: readonly BagRow[]): Float32Array {
    const d = this.info.dimensions;
    const nonEmpty = rows.map((_, i) => i).filter((i) => (rows[i] as BagRow).ids.length > 0);
    const step = Math.max(1, nonEmpty.length / this.#pcSampleRows);
    const sample: number[] = [];
    for (let s = 0; s < nonEmpty.length && sample.length < this.#pcSampleRows; s += step) {
      sample.push(nonEmpty[Math.floor(s)] as number);
    }
    const xs = new Float32Array(sample.length * d);
    sample.forEach((r, i) => xs.set(x.subarray(r * d, (r + 1) * d), i * d));
    // The tensor leaves tidy, not its data: tidy walks whatever it returns,
    // and walking a d×d typed array element by element cost more than the
    // matMul (8 ms of a query's 60).
    const product = tf.tidy(() => {
      const m = tf.tensor2d(xs, [sample.length, d]);
      return tf.matMul(m, m, true, false);
    });
    const gram = product.dataSync() as Float32Array;
    product.dispose();
    // Start from the mean row: close to the uncentred first component.
    let u = new Float64Array(d);
    for (let i = 0; i < sample.length; i++)
      for (let j = 0; j < d; j++) u[j] = (u[j] as number) + (xs[i * d + j] as number);
    for (let iter = 0; iter < 200; iter++) {
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (gram[i * d + j] as number) * (u[j] as number);
        next[i] = s;
      }
      const len = Math.hypot(...next);
      if (len === 0) return new Float32Array(d);
      let change = 0;
      for (let i = 0; i < d; i++) {
        next[i] = (next[i] as number) / len;
        change = Math.max(change, Math.abs((next[i] as number) - (u[i] as number)));
      }
      u = next;
      if (change < 1e-9) break;
    }
    return Float32Array.from(u);
  }

  /** x ← x − (x·u)uᵀ (when u is given), then each row scaled to unit length. */
  async #projectAndNormalise(x: Float32Array, n: number, u: Float32Array | null): Promise<void> {
    const d = this.info.dimensions;
    const uT = u === null ? null : tf.tensor2d(u, [d, 1]);
    try {
      for (let start = 0; start < n; start += PROJECT_ROWS) {
        const rows = Math.min(PROJECT_ROWS, n - start);
        const result = tf.tidy(() => {
          let m: tf.Tensor2D = tf.tensor2d(x.subarray(start * d, (start + rows) * d), [rows, d]);
          if (uT !== null) m = tf.sub(m, tf.matMul(tf.matMul(m, uT), uT, false, true));
          const len = tf.norm(m, 'euclidean', 1, true);
          // Zero rows (texts without words) stay zero instead of becoming NaN.
          return tf.div(m, tf.maximum(len, 1e-12));
        });
        x.set((await result.data()) as Float32Array, start * d);
        result.dispose();
      }
    } finally {
      uT?.dispose();
    }
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new CoreError('INVALID_OPTION', name, `must be a positive number, got ${value}`);
  }
  return value;
}

/**
 * Writes a deterministic pseudo-random vector of length `magnitude` for
 * `word` into `out` at `offset`: FNV-1a hash of the word seeds mulberry32,
 * Box–Muller turns uniforms into Gaussians, so the direction is uniform on
 * the sphere.
 * @throws never.
 */
export function hashedVector(
  word: string,
  d: number,
  magnitude: number,
  out: Float32Array,
  offset = 0,
): void {
  const next = seededOpenUnit(fnv1a(word)); // in (0, 1)
  let sq = 0;
  for (let i = 0; i < d; i += 2) {
    const r = Math.sqrt(-2 * Math.log(next()));
    const theta = 2 * Math.PI * next();
    const g0 = r * Math.cos(theta);
    out[offset + i] = g0;
    sq += g0 * g0;
    if (i + 1 < d) {
      const g1 = r * Math.sin(theta);
      out[offset + i + 1] = g1;
      sq += g1 * g1;
    }
  }
  const scale = magnitude / Math.sqrt(sq);
  for (let i = 0; i < d; i++) out[offset + i] = (out[offset + i] as number) * scale;
}
