/**
 * The work one candidate pair costs, apart from the verdict: the sentence
 * alignment, the paragraph alignment when it is needed, and the derivation
 * features. Pairs are independent of each other, so this is what the align
 * stage spreads over worker threads (pool.ts); relate() keeps the decisions.
 */

import { alignStories, type AlignOptions, type StoryAlignment } from '../align/index.js';
import {
  derivationFeatures,
  isDerived,
  type ClassifyOptions,
  type DerivationFeatures,
} from '../classify/index.js';
import type { RelateStory } from './types.js';

/** What {@link judgePair} reads besides the two stories: plain data, so a worker can receive it. */
export interface JudgeOptions extends AlignOptions, ClassifyOptions {
  /** Whether the derivation model gives a paragraph-alignment feature a weight. */
  readonly readsParagraphs: boolean;
  /** Features and paragraphs for every pair, not only those the rules call derived (relate's `onCandidate`). */
  readonly everyPair: boolean;
  /** The derivation features the model reads (non-zero weight); all of them when `everyPair`. */
  readonly reads?: readonly string[];
}

/** One candidate pair's alignments and features, as {@link judgePair} returns them. */
export interface PairJudgement {
  readonly sentences: StoryAlignment;
  /** The paragraph alignment, when both stories have paragraphs and it was needed. */
  readonly paragraphs: StoryAlignment | null;
  /** The derivation features (every pair: the fitted model decides). */
  readonly features: DerivationFeatures;
}

/**
 * Aligns two stories by sentences, then by paragraphs when needed, and reads
 * their derivation features (every pair: the fitted model decides). Pure: the same stories and options
 * give the same judgement on any thread.
 * @throws RangeError when the two stories' vectors differ in length.
 */
export function judgePair(a: RelateStory, b: RelateStory, options: JudgeOptions): PairJudgement {
  const sentences = alignStories(a, b, options);
  const sentenceRule = isDerived(sentences, a.units.length, b.units.length, options);
  // The paragraphs: a second chance when the sentences fail the test; for
  // a derived pair, the model's paragraph features when it reads any; for
  // every pair when the caller asks for the features.
  const byPara =
    a.byParagraph &&
    b.byParagraph &&
    (!sentenceRule || options.everyPair || options.readsParagraphs)
      ? alignStories(a.byParagraph, b.byParagraph, options)
      : null;
  // The fitted model decides every pair (relate.ts), so every pair needs its features.
  const features = derivationFeatures({
    a,
    b,
    sentences,
    paragraphs: byPara,
    ...(byPara
      ? { paragraphUnits: [a.byParagraph!.units.length, b.byParagraph!.units.length] as const }
      : {}),
    classify: options,
    ...(options.everyPair || !options.reads ? {} : { reads: options.reads }),
  });
  return { sentences, paragraphs: byPara, features };
}
