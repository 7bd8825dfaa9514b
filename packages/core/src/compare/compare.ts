/**
 * Pairwise comparison of passages with the pipeline's own paragraph scoring:
 * the same encoder (fitted on all the passages at once, as the pipeline fits
 * it on a corpus) and the same lexical features as the align stage. For
 * sentence- or paragraph-level checks (paraphrase corpora, ad-hoc questions)
 * where building a corpus of files would be beside the point.
 */

import { alignStories, type StoryView } from '../align/align.js';
import { paragraphFeatures } from '../align/features.js';
import { createSifEncoder, createTfjsModelEncoder, type Encoder } from '../embed/index.js';

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
}

/**
 * Scores each pair of passages as the align stage scores two paragraphs.
 * All passages are encoded in one batch, so the encoder's corpus statistics
 * (the common component) are fitted on them together.
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded.
 */
export async function comparePassages(
  pairs: readonly PassagePair[],
  options: CompareOptions = {},
): Promise<PassageScores[]> {
  if (pairs.length === 0) return [];
  const texts = pairs.flatMap((p) => [p.a, p.b]);
  const common = {
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.onNotice ? { onWarning: options.onNotice } : {}),
  };
  const encoder: Encoder = options.model
    ? await createTfjsModelEncoder({ modelUrl: options.model, ...common })
    : await createSifEncoder({
        ...common,
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        ...(options.gloveJsonPath ? { gloveJsonPath: options.gloveJsonPath } : {}),
      });
  try {
    const vectors = await encoder.encode(texts);
    const d = encoder.info.dimensions;
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
      return {
        semantic: m.semantic,
        lexical: m.lexical,
        lexicalOutside: m.lexicalOutside,
        paraphrase: m.semantic * (1 - m.lexical),
        score: m.score,
      };
    });
  } finally {
    encoder.dispose();
  }
}
