/** What the classify stage reads and produces. */

import type { AlignedParagraphs, PairScores, RelationKind } from '../types.js';
import type { ParagraphFeatures } from '../align/index.js';

/** Thresholds of the derivation test and of the kind rules. */
export interface ClassifyOptions {
  /** A derived story has at least this share of its words aligned (default DERIVATION.minCoverage). */
  readonly minCoverage?: number;
}

/** A one-for-one word substitution at an aligned position. */
export interface Substitution {
  readonly from: string;
  readonly to: string;
}

/** Word-level change profile of one aligned paragraph pair (parent → child). */
export interface ChangeProfile {
  /** Parent words kept in order in the child. */
  readonly kept: number;
  /** Parent words removed or replaced. */
  readonly changedParent: number;
  /** Child words added or replacing. */
  readonly changedChild: number;
  /** Parent words replaced in short (≤ 3 words each side) in-place substitutions. */
  readonly substituted: number;
  /** Changed parent words that are function words. */
  readonly changedStopwords: number;
  /** One-for-one content-word substitutions. */
  readonly substitutions: readonly Substitution[];
  /** Parent quotations (≥ 3 words) and how many of them the child keeps word for word. */
  readonly quotations: number;
  readonly quotationsKept: number;
  /** Proper nouns respelled (Steven → Stephen), the mark of transliteration. */
  readonly nameVariants: readonly Substitution[];
}

/** An aligned pair seen from parent to child. */
export interface OrientedPair {
  readonly parent: string;
  readonly child: string;
  readonly alignment: readonly AlignedParagraphs[];
  readonly scores: PairScores;
  readonly parentCoverage: number;
  /**
   * Paragraphs of the parent none of whose units is aligned (cut by the
   * child), and of the child (added): a copy that cuts or adds a whole
   * paragraph is an edit, however much of the rest it keeps.
   */
  readonly paragraphsCut: number;
  readonly paragraphsAdded: number;
  readonly inOrderShare: number;
  /** Best alignment score of each aligned child unit, and the unit's word count. */
  readonly childUnits: ReadonlyMap<number, { readonly score: number; readonly words: number }>;
  readonly profile: PairProfile;
}

/** Change profile summed over every aligned paragraph pair. */
export interface PairProfile {
  readonly kept: number;
  readonly changedParent: number;
  readonly changedChild: number;
  readonly substituted: number;
  readonly changedStopwords: number;
  readonly quotations: number;
  readonly quotationsKept: number;
  readonly substitutions: readonly Substitution[];
  readonly nameVariants: readonly Substitution[];
  /** Share of the child's aligned words that stand in units copied (nearly) unchanged. */
  readonly unchangedShare: number;
}

/** A story's alignment units and the paragraph each belongs to. */
export interface UnitSource {
  readonly units: readonly ParagraphFeatures[];
  /** Paragraph index of each unit; identity when the units are paragraphs. */
  readonly paragraphOf?: readonly number[];
}

/** Why a kind was chosen, for the report's evidence list. */
export interface KindDecision {
  readonly kind: RelationKind;
  readonly why: string;
}

/**
 * A story's whole text as the derivation features read it, computed once per
 * story (relate-input.ts).
 */
export interface StoryText {
  /** Normalised words outside quotations, in order. */
  readonly words: readonly string[];
  /** Lower-cased text outside quotations, runs of spaces and punctuation as one space: character n-grams for scripts without spaces. */
  readonly chars: string;
  /** Share of the story's words the encoder has no vector for (0 when the encoder cannot tell). */
  readonly oov: number;
}

/** One side of a candidate pair, as the derivation features read it. */
export interface DerivationStory {
  /** The units the sentence alignment was made over. */
  readonly units: readonly ParagraphFeatures[];
  /** The whole text; without it, the units' words stand in (quotations included). */
  readonly text?: StoryText;
}
