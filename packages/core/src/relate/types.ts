/** What the relate stage reads and produces. */

import type { AlignOptions, StoryAlignment, StoryView } from '../align/index.js';
import type {
  ClassifyOptions,
  DerivationFeatures,
  DerivationModel,
  KindDecision,
  OrientedPair,
  StoryText,
  Substitution,
} from '../classify/index.js';

/** What the direction test knows about one story. */
export interface StoryFacts {
  readonly id: string;
  /** The story's own date (ISO), when the story states it. */
  readonly published: string | null;
  /** The page's date (ISO), a weaker stand-in. */
  readonly pagePublished: string | null;
  /** Publisher of the page or outlet the story names itself after, lower-cased. */
  readonly outlets: readonly string[];
  /** Outlets this story says it took its text from (attribution lines), lower-cased. */
  readonly credits: readonly string[];
}

export interface DirectionInput {
  readonly a: StoryFacts;
  readonly b: StoryFacts;
  readonly alignment: StoryAlignment;
  /** One-for-one content-word swaps read from A to B. */
  readonly substitutions: readonly Substitution[];
  /** Quotations of A (in aligned paragraphs) that B does not keep, and vice versa. */
  readonly quotesOnlyA: readonly string[];
  readonly quotesOnlyB: readonly string[];
  /** How many other stories (neither A, B nor a copy of either) carry a quotation word for word. */
  readonly quoteWitnesses: (quote: string) => number;
  /** Frequency rank of a word (0 = most common), undefined when unknown. */
  readonly rank?: (word: string) => number | undefined;
}

export interface DirectionVerdict {
  /** Signed evidence; > 0 means A is the parent. */
  readonly score: number;
  /** Probability that A is B's parent. */
  readonly pAB: number;
  /** Human-readable reasons, strongest first, each naming the side it favours. */
  readonly evidence: readonly { readonly weight: number; readonly text: string }[];
}

/** One story with everything the relate stage needs. */
export interface RelateStory extends StoryView {
  /** Paragraph index of each unit (units are sentences; paragraphs are what the report shows). */
  readonly paragraphOf: readonly number[];
  /**
   * The same story with paragraphs as units. A heavy paraphrase rewords
   * every sentence too far for sentence vectors to see it, while its
   * paragraphs, averaging more words, still line up with the source's.
   */
  readonly byParagraph?: StoryView;
  readonly facts: StoryFacts;
  /** Proper nouns of the story (lower-cased), for the same-event test. */
  readonly names: ReadonlySet<string>;
  /** The whole text outside quotations, for the derivation features (units' words stand in without it). */
  readonly text?: StoryText;
}

export interface RelateInput {
  readonly stories: ReadonlyMap<string, RelateStory>;
  /** Unordered candidate pairs of story ids (from the ANN index). */
  readonly candidates: readonly (readonly [string, string])[];
  /** Frequency rank of a word (0 = most common), when the encoder knows it. */
  readonly rank?: (word: string) => number | undefined;
  /** Pairs of stories on one page: checked for independent coverage only. */
  readonly samePage?: readonly (readonly [string, string])[];
  /**
   * Collapsed identical copies (the index stage's collapseCopies): member →
   * representative. A member is aligned with its representative only, so
   * the same-event candidates leave members out.
   */
  readonly copyOf?: ReadonlyMap<string, string>;
}

export interface RelateOptions extends AlignOptions, ClassifyOptions {
  /** Called after each candidate pair. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called once per aligned candidate pair with its derivation features,
   * the model's P(derived) and the rule cascade's verdict (for fitting and
   * evaluating the derivation model).
   */
  readonly onCandidate?: (pair: CandidatePair) => void;
  /** The derivation model that gives P(derived) (default: the shipped weights, loadDerivationModel()). */
  readonly derivationModel?: DerivationModel;
}

/** A candidate pair the relate stage aligned, as `onCandidate` reports it. */
export interface CandidatePair {
  readonly a: string;
  readonly b: string;
  readonly features: DerivationFeatures;
  /** What the rule cascade (`isDerived` on sentences, then on paragraphs) would decide. */
  readonly cascade: boolean;
  /** The derivation model's P(derived) (derived at the model's decisionCut, derivationCut). */
  readonly probability: number;
}

/** A candidate pair judged not derived, with what it shares. */
export interface NonDerivedPair {
  readonly a: string;
  readonly b: string;
  /** IDF-weighted overlap of their content words (see event.ts). */
  readonly eventOverlap: number;
  /** Their rarest shared words. */
  readonly sharedWords: readonly string[];
  readonly sharedQuotes: number;
  readonly sharedNames: readonly string[];
  /**
   * Whether both stories have names to share: none are read in a script
   * without capitals (Arabic, Hindi, Chinese…), where the evidence says so
   * rather than "names shared: none".
   */
  readonly namesRead: boolean;
  readonly nameOverlap: number;
  readonly maxCoverage: number;
  readonly matches: number;
}

export interface RelateResult {
  readonly derived: readonly DerivedPair[];
  readonly nonDerived: readonly NonDerivedPair[];
  /** What the direction test knew of each story, by id (the lineage reads the dates again). */
  readonly facts: ReadonlyMap<string, StoryFacts>;
}

/** A story pair judged derived, with both orientations worked out. */
export interface DerivedPair {
  readonly a: string;
  readonly b: string;
  /** How strongly the text shows derivation, 0..1. */
  readonly strength: number;
  /**
   * P(derived): the fitted derivation model's calibrated probability that
   * one story is derived from the other (derivation-model.ts). The model
   * decided the pair is derived (P at or above its cut); this says how sure it is.
   */
  readonly probability: number;
  readonly direction: DirectionVerdict;
  /** The pair read as a → b, and as b → a. */
  readonly forward: OrientedPair;
  readonly backward: OrientedPair;
  /** The transformation each orientation shows (classified once, here, for the lineage to read). */
  readonly forwardKind: KindDecision;
  readonly backwardKind: KindDecision;
}
