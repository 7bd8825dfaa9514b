/** What the align stage reads and produces. */

import type { TermSet } from '../util/term-set.js';

/** Lexical view of one paragraph. */
export interface ParagraphFeatures {
  /** Normalised word tokens in order. */
  readonly words: readonly string[];
  /** Tokens as written (for proper-noun checks), parallel to `words`. */
  readonly surface: readonly string[];
  /** Distinct words, and bigrams of consecutive words, as term sets. */
  readonly unigrams: TermSet;
  readonly bigrams: TermSet;
  /**
   * Content words (function words of the text's language left out) outside
   * quotation marks, and bigrams of consecutive content words: what shared
   * wording means for derivation. "de la" or "der die" shared says nothing.
   */
  readonly unigramsOutside: TermSet;
  readonly bigramsOutside: TermSet;
  /** The distinct words of `unigramsOutside` as text, in order of first occurrence. */
  readonly outsideWords: readonly string[];
  /**
   * The wording proper: content words outside quotations that are neither
   * names (capitalised inside a sentence) nor numbers, and bigrams of them.
   * Independent reports of one event share its names and numbers; a copy
   * shares the ordinary words the writer chose.
   */
  readonly wordingUnigrams: TermSet;
  readonly wordingBigrams: TermSet;
  /** Normalised quotations (at least three words each). */
  readonly quotations: readonly string[];
  /** Number of characters, for length weighting. */
  readonly length: number;
}

/**
 * One story as the aligner sees it: a sequence of units (sentences, or
 * paragraphs) with their features and vectors.
 */
export interface StoryView {
  readonly id: string;
  readonly units: readonly ParagraphFeatures[];
  /** Row-major unit vectors, rows L2-normalised, `units.length` rows. */
  readonly vectors: Float32Array;
  readonly dimensions: number;
}

/** Two aligned units, `a` from the first story and `b` from the second. */
export interface ParagraphMatch {
  readonly a: number;
  readonly b: number;
  readonly semantic: number;
  readonly lexical: number;
  readonly lexicalOutside: number;
  /** Ordinary words kept (names and numbers left out): the copying evidence. */
  readonly wording: number;
  /** The combined score the alignment maximised. */
  readonly score: number;
  /** False for a paragraph matched out of order (moved). */
  readonly inOrder: boolean;
}

export interface StoryAlignment {
  readonly a: string;
  readonly b: string;
  readonly matches: readonly ParagraphMatch[];
  /** Share of a's words that stand in aligned units. */
  readonly coverageA: number;
  /** Share of b's words that stand in aligned units. */
  readonly coverageB: number;
  /** Share of matches that lie on the monotone path. */
  readonly inOrderShare: number;
}

export interface AlignOptions {
  /** Minimum combined score for two paragraphs to align (default 0.55). */
  readonly threshold?: number;
  /** Minimum score for a paragraph matched out of order (default threshold + 0.15). */
  readonly moveThreshold?: number;
  /** Weight of semantic similarity in the combined score; the rest is lexical overlap outside quotations (default 0.6). */
  readonly semanticWeight?: number;
}
