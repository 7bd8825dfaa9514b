/**
 * Pairwise comparison of passages with the pipeline's own paragraph scoring:
 * the same encoder (fitted on all the passages at once, as the pipeline fits
 * it on a corpus) and the same lexical features as the align stage. For
 * sentence- or paragraph-level checks (paraphrase corpora, ad-hoc questions)
 * where building a corpus of files would be beside the point.
 */

import { alignStories, paragraphFeatures, type StoryView } from '../align/index.js';
import { expectArrayOf, expectOptions, oneOf, rules, shape } from '../args.js';
import {
  applyCorrection,
  cachedAllButTheTop,
  createEncoder,
  loadGloveTable,
  type LoadGloveResult,
} from '../embed/index.js';
import {
  idfTable,
  pairFeatures,
  sentenceView,
  type PairFeatures,
  type WordVectors,
} from './pair-features.js';
import { rowDot } from '../util/vector.js';
import { loadParaphraseModel, paraphraseProbability } from './paraphrase-model.js';

/** Two passages to compare; each is read as one paragraph. */
export interface PassagePair {
  readonly a: string;
  readonly b: string;
}

/** The align stage's view of one paragraph pair. */
export interface PassageScores {
  /** Cosine of the two paragraph vectors, clipped at 0. */
  readonly semantic: number;
  /** Wording kept: mean of unigram and bigram Dice coefficients, 0..1. */
  readonly lexical: number;
  /** The same outside quotation marks. */
  readonly lexicalOutside: number;
  /** Meaning kept, wording not: semantic × (1 − lexical). */
  readonly paraphrase: number;
  /** The combined score the aligner thresholds (default threshold 0.55). */
  readonly score: number;
  /**
   * P(same meaning) from the fitted logistic model over `features`
   * (weights in packages/core/models/paraphrase-lr.json; 0.5 is its own cut).
   */
  readonly paraphraseProbability: number;
  /** The pair features the model reads (see pair-features.ts). */
  readonly features: PairFeatures;
}

export interface CompareOptions {
  /** Folder for the converted word-vector cache (as in PipelineOptions). */
  readonly cacheDir?: string;
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
  /** A TF.js model instead of the default GloVe SIF encoder (as in PipelineOptions). */
  readonly model?: string;
  /** wink-format embeddings JSON for the SIF encoder (tests use a tiny one). */
  readonly gloveJsonPath?: string;
  /** Weight of semantic similarity in `score` (the aligner's default 0.6). */
  readonly semanticWeight?: number;
  /** Receives notices (cache rebuilt, backend fell back). */
  readonly onNotice?: (message: string) => void;
  /** A weights file for `paraphraseProbability` instead of the shipped one. */
  readonly paraphraseModelPath?: string;
}

const pairRule = shape({ a: rules.string, b: rules.string }, 'a passage pair { a, b } of strings');

/** The argument checks both entry points share. */
function checkArgs(fn: string, pairs: unknown, options: unknown): void {
  expectArrayOf(pairs, `${fn}: pairs`, pairRule, 'an array of passage pairs { a, b } of strings');
  expectOptions(options, `${fn}: options`, {
    cacheDir: rules.string,
    backend: oneOf(['tensorflow', 'wasm', 'cpu']),
    model: rules.string,
    gloveJsonPath: rules.string,
    semanticWeight: rules.finite,
    onNotice: rules.function,
    paraphraseModelPath: rules.string,
  });
}

/** A pair's scores before the fitted model reads them. */
export type PassageFeatureScores = Omit<PassageScores, 'paraphraseProbability'>;

/**
 * Scores each pair of passages as the align stage scores two paragraphs and
 * adds `paraphraseProbability` from the fitted model (the shipped weights,
 * or `options.paraphraseModelPath`).
 * @throws CoreError MODEL_LOAD_FAILED when a given model or the weights cannot be loaded;
 *   INVALID_ARGUMENT when `pairs` is not an array of pairs or an option has the wrong type.
 */
export async function comparePassages(
  pairs: readonly PassagePair[],
  options: CompareOptions = {},
): Promise<PassageScores[]> {
  checkArgs('comparePassages', pairs, options);
  if (pairs.length === 0) return [];
  const model = loadParaphraseModel(options.paraphraseModelPath);
  const scored = await comparePassageFeatures(pairs, options);
  return scored.map((s) => ({
    ...s,
    paraphraseProbability: paraphraseProbability(model, s.features),
  }));
}

/**
 * The align stage's scores and the pair features of each pair, without the
 * fitted model (what the fit script trains on).
 * All passages are encoded in one batch, so the encoder's corpus statistics
 * (the common component) and the IDF weights are fitted on them together.
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded;
 *   INVALID_ARGUMENT when `pairs` is not an array of pairs or an option has the wrong type.
 */
export async function comparePassageFeatures(
  pairs: readonly PassagePair[],
  options: CompareOptions = {},
): Promise<PassageFeatureScores[]> {
  checkArgs('comparePassageFeatures', pairs, options);
  if (pairs.length === 0) return [];
  const texts = pairs.flatMap((p) => [p.a, p.b]);
  const encoder = await createEncoder(options);
  try {
    const vectors = await encoder.encode(texts);
    const d = encoder.info.dimensions;
    const views = texts.map((t) => sentenceView(t));
    const idf = idfTable(views);
    // The SIF encoder has its word space loaded already; another encoder
    // (a TF.js model) leaves the lookup to the GloVe cache when there is one.
    const wordVectors: WordVectors = encoder.wordVector
      ? (word) => encoder.wordVector?.(word)
      : gloveWordVectors(options);
    const view = (id: string, row: number, text: string): StoryView => ({
      id,
      units: [paragraphFeatures(text)],
      vectors: vectors.subarray(row * d, (row + 1) * d),
      dimensions: d,
    });
    return pairs.map((p, k) => {
      // A threshold below any score makes the aligner keep the one pair, so
      // the figures are exactly the cell the pipeline would compute.
      const al = alignStories(view('a', 2 * k, p.a), view('b', 2 * k + 1, p.b), {
        threshold: -1,
        ...(options.semanticWeight !== undefined ? { semanticWeight: options.semanticWeight } : {}),
      });
      const m = al.matches[0];
      if (!m) throw new Error('unreachable: a one-paragraph pair always aligns at threshold -1');
      // Cosine of the encoder's vectors directly (rows are unit length), so
      // the model's input does not move with the align stage's scoring.
      const cos = rowDot(vectors, 2 * k, vectors, 2 * k + 1, d);
      const features = pairFeatures(views[2 * k]!, views[2 * k + 1]!, {
        semantic: Math.max(0, cos),
        idf,
        vectors: wordVectors,
      });
      return {
        semantic: m.semantic,
        lexical: m.lexical,
        lexicalOutside: m.lexicalOutside,
        paraphrase: m.semantic * (1 - m.lexical),
        score: m.score,
        features,
      };
    });
  } finally {
    encoder.dispose();
  }
}

/**
 * Unit GloVe word vectors (mean and top directions removed, as the SIF
 * encoder uses them), memoised per word; without a GloVe table (a TF.js
 * model in its place and no cache) every lookup is undefined and the soft
 * alignment falls back to identical words.
 */
function gloveWordVectors(options: CompareOptions): WordVectors {
  let glove: LoadGloveResult;
  try {
    glove = loadGloveTable({
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.gloveJsonPath ? { jsonPath: options.gloveJsonPath } : {}),
      ...(options.onNotice ? { onWarning: options.onNotice } : {}),
    });
  } catch {
    return () => undefined;
  }
  const { table } = glove;
  const d = table.dimensions;
  const correction = d > 1 ? cachedAllButTheTop(glove) : null;
  const memo = new Map<string, Float32Array | undefined>();
  return (word) => {
    if (memo.has(word)) return memo.get(word);
    const r = table.rank(word);
    let v: Float32Array | undefined;
    if (r >= 0) {
      v = new Float32Array(d);
      table.readRow(r, v, 0);
      if (correction) applyCorrection(correction, v, [0], d);
      const len = Math.hypot(...v);
      if (len > 0) for (let i = 0; i < d; i++) v[i] = v[i]! / len;
      else v = undefined;
    }
    memo.set(word, v);
    return v;
  };
}
