import type { StageName } from './stages.js';
import type { SharedQuotation } from './text/quotes.js';

/**
 * Shared domain types: what flows between the pipeline's stages and what the
 * report contains. Every stage's output is a readonly value; stages never
 * mutate what they were given.
 */

/** A document as read from disk (or another source), before segmentation. */
export interface IngestedDoc {
  /** File name without extension; unique within one run. */
  readonly id: string;
  /** Where it came from (file path as given, resolved). */
  readonly path: string;
  readonly format: 'txt' | 'md' | 'html';
  /**
   * Plain text of the page, paragraphs separated by blank lines ("\n\n").
   * For HTML this is the extracted main content; for txt/md the file text
   * with line endings normalised to "\n".
   */
  readonly text: string;
  /** Metadata the source format itself carries (HTML <title>, meta tags, ...). */
  readonly meta: DocMeta;
}

export interface DocMeta {
  readonly title: string | null;
  readonly publisher: string | null;
  /** ISO date (YYYY-MM-DD) of the page itself, when known. */
  readonly published: string | null;
  readonly byline: string | null;
  readonly url: string | null;
  /** ISO date the page says it was last modified (HTML: JSON-LD dateModified, article:modified_time). */
  readonly modified?: string | null;
  /**
   * Sources the page's metadata declares, as "isBasedOn: …", "original-source: …",
   * "syndication-source: …" (HTML: JSON-LD and syndication meta tags).
   */
  readonly attribution?: readonly string[];
}

/** A paragraph of a story, with its offsets in the document's `text`. */
export interface Paragraph {
  /** 0-based position within the story. */
  readonly index: number;
  readonly text: string;
  /** Offsets into IngestedDoc.text: text === doc.text.slice(start, end) after whitespace folding. */
  readonly start: number;
  readonly end: number;
}

/** One article found on a page. A page may hold several. */
export interface Story {
  /** "<docId>#<n>", n from 1 in page order. */
  readonly id: string;
  readonly docId: string;
  readonly title: string | null;
  readonly byline: string | null;
  /** ISO date (YYYY-MM-DD) of the story, when the page says it. */
  readonly published: string | null;
  /** Attribution lines as they stand in the text, e.g. "(AP) —", "Sourced From: …". */
  readonly attribution: readonly string[];
  /** Outlet the story names as its source (e.g. "AP", "BBC"), when an attribution line says it. */
  readonly source: string | null;
  readonly paragraphs: readonly Paragraph[];
  /**
   * Outlets the story presents itself as (its page's publisher, the outlet its
   * dateline or trailer names), as folded keys ("bbc"), less those it credits.
   */
  readonly outlets: readonly string[];
  /** Outlets an explicit credit line says the text was taken from, as folded keys. */
  readonly credits: readonly string[];
  /** Proper nouns the story mentions, lower-cased, in order of first use. */
  readonly names: readonly string[];
  /** The story's language (ISO 639-3) as guessed from its words, or null. */
  readonly language: string | null;
  /**
   * The outlet the story is shown under, as people name it ("AP", "NYT via
   * example.com"): its page's publisher, a credited source, its dateline or
   * trailer, or the page's address. Set by `segment`; null when nothing says.
   */
  readonly outlet?: string | null;
}

/** A segmented document: the page's own metadata plus its stories. */
export interface SegmentedDoc {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  readonly publisher: string | null;
  /** The page's own date (not a story's), ISO YYYY-MM-DD. */
  readonly published: string | null;
  readonly stories: readonly Story[];
}

export type RelationKind = 'verbatim' | 'edited' | 'paraphrase' | 'spun' | 'translated';

export interface PairScores {
  /** Mean cosine similarity of aligned paragraph vectors, 0..1. */
  readonly semantic: number;
  /** Word-level overlap of aligned paragraphs (quotations excluded where possible), 0..1. */
  readonly lexical: number;
  /** Share of the child's paragraphs that are aligned to the parent, 0..1. */
  readonly coverage: number;
  /**
   * P(same meaning), 0..1: the fitted paraphrase model's probability that an
   * aligned paragraph of the child keeps the meaning of its parent's,
   * averaged over the aligned paragraphs by length (the expected share of
   * the aligned text whose meaning is kept). Near 1 for a verbatim copy or a
   * faithful rewording, lower where the copy changes what is said. Calibrated
   * on held-out MSRP sentence pairs (`npm run eval -- --only msrp`). It
   * describes the copy; it is not evidence of derivation (the confidence is).
   */
  readonly paraphrase: number;
  /**
   * How reworded the aligned text is: semantic × (1 − lexical), 0..1. High
   * when meaning is kept and wording is not; 0 for a verbatim copy.
   */
  readonly rewording: number;
  /*
   * Text-level reuse of the child against the parent (core classify/extent.ts),
   * defined for every script: words by Intl.Segmenter, letters as tokens where
   * a text has no spaces. Present on relations between two corpus stories
   * (for a hidden parent, measured against `measuredAgainst`); the extent
   * verdict reads them.
   */
  /** Share of the child's words inside passages reused from the parent, 0..1. */
  readonly copyReused?: number;
  /** Share of the parent's words inside passages the child reuses, 0..1. */
  readonly sourceReused?: number;
  /** Share of the child's sentences with an exact or near-exact counterpart in the parent, 0..1. */
  readonly copySentencesReused?: number;
  /** Share of the parent's sentences with an exact or near-exact counterpart in the child, 0..1. */
  readonly sourceSentencesReused?: number;
  /** The longest reused passage over the child's length, 0..1. */
  readonly longestRun?: number;
  /** Share of the reused text that keeps the parent's order, 0..1. */
  readonly orderAgreement?: number;
  /** Share of the child's words the parent never uses, 0..1. */
  readonly newWords?: number;
  /** Share of the parent's words in reused passages between the first and last word the child reuses, 0..1. */
  readonly sourceSpanReused?: number;
  /** Share of the child's content tokens (numbers, long words, by prefix) found in the parent, 0..1. */
  readonly contentReused?: number;
  /** Share of the child's sentences whose content tokens are mostly in the parent, 0..1. */
  readonly contentSentencesReused?: number;
  /** Share of the parent's content tokens found in the child, 0..1. */
  readonly sourceContentReused?: number;
  /** Share of the child's sentences paired in order with a parent sentence on two rare content tokens, 0..1. */
  readonly copySentencesPaired?: number;
  /** Share of the child's sentences so paired that keep their parent sentence's word order (half of it at least), 0..1. */
  readonly copySentencesFollowed?: number;
}

export interface AlignedParagraphs {
  readonly parentParagraph: number;
  readonly childParagraph: number;
  readonly semantic: number;
  readonly lexical: number;
}

export interface Relation {
  /** Story id, or "hidden:N" for an inferred source that is not in the corpus. */
  readonly parent: string;
  /** Story id, or "hidden:N" for a lost exemplar copied from another lost one (a reading tree's inner node). */
  readonly child: string;
  readonly kind: RelationKind;
  /**
   * P(derived) × P(direction), 0..1: the derivation model's calibrated
   * probability that the pair is derived (relate's verdict), times the
   * direction test's probability that `parent` is the parent.
   */
  readonly confidence: number;
  readonly scores: PairScores;
  readonly alignment: readonly AlignedParagraphs[];
  /** Why the direction was chosen (signals in order of weight). */
  readonly evidence: readonly string[];
  /**
   * For an edge from a hidden source: the corpus story its scores were
   * measured against (a sibling copy standing in for the lost source).
   */
  readonly measuredAgainst?: string;
  /**
   * How much of the child comes from the parent, METER's way: "wholly" (its
   * text comes from the parent, light edits allowed) or "partially" (some of
   * it does, the rest is the writer's own or from elsewhere). From the fitted
   * extent model over the reuse scores; absent where they are.
   */
  readonly extent?: 'wholly' | 'partially';
  /** The extent model's calibrated P(wholly derived), 0..1; `extent` is "wholly" from 0.5. */
  readonly pWholly?: number;
}

export interface IndependentPair {
  readonly a: string;
  readonly b: string;
  readonly reason: string;
}

export interface LineageTree {
  readonly root: string;
  readonly members: readonly string[];
}

export interface HiddenNode {
  readonly id: string;
  /** The stories it is inferred from (its children). */
  readonly children: readonly string[];
  readonly reason: string;
}

export interface ReportStory {
  /** Stable id for machines: "<docId>#<n>". */
  readonly id: string;
  /** The outlet the story is shown under ("AP", "NYT via example.com"), or null when nothing says. */
  readonly outlet?: string | null;
  /** What people call it: "Outlet — Title", else the title, else the outlet, else the id. */
  readonly label?: string;
  readonly title: string | null;
  readonly byline: string | null;
  readonly published: string | null;
  readonly attribution: readonly string[];
  readonly paragraphCount: number;
  readonly excerpt: string;
  /** The story's language (ISO 639-3) as guessed from its words; null when too few words say. */
  readonly language?: string | null;
  /**
   * Share of the story's words (0..1) the encoder has no vector for; null when
   * the encoder has no vocabulary to ask. High (a language the encoder does
   * not know) means its embedding similarity carries little evidence and the
   * verdict rests on shared passages and character n-grams.
   */
  readonly oov?: number | null;
  /** The story's paragraphs after boilerplate removal; only with `includeText` (`--include-text`). */
  readonly paragraphs?: readonly string[];
}

export interface ReportDocument {
  readonly id: string;
  readonly path: string;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly stories: readonly ReportStory[];
}

export interface EncoderInfo {
  readonly name: string;
  readonly dimensions: number;
  /** TF.js backend that ran: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  readonly backend: string;
}

/** The report: what `analyze` returns and `stemma analyze --format json` prints. */
export interface Report {
  readonly schemaVersion: 2;
  readonly generator: { readonly name: string; readonly version: string };
  readonly encoder: EncoderInfo;
  readonly documents: readonly ReportDocument[];
  readonly relations: readonly Relation[];
  readonly independent: readonly IndependentPair[];
  readonly lineage: readonly LineageTree[];
  readonly hidden: readonly HiddenNode[];
  /**
   * Quotations carried by two or more stories, each with every story that
   * carries it (excerpts and re-punctuated variants count). Absent in reports
   * from builds before it existed.
   */
  readonly quotations?: readonly SharedQuotation[];
  /** Problems with single inputs that did not stop the run. */
  readonly warnings: readonly string[];
}

/** Progress events emitted by the pipeline (the CLI draws a bar, the TUI a status line). */
export type PipelineEvent =
  | { readonly type: 'stage-start'; readonly stage: StageName; readonly total: number }
  | {
      readonly type: 'stage-progress';
      readonly stage: StageName;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'stage-end';
      readonly stage: StageName;
      readonly ms: number;
      readonly items: number;
    }
  | { readonly type: 'warning'; readonly message: string }
  /**
   * Something worth knowing about the run that is no problem with an input.
   * `level` 'info' (the embeddings cache rebuilt or kept in memory) is for the
   * user and shown by default; without it (backend fallback, cache built) it
   * is a detail shown only when debugging.
   */
  | { readonly type: 'notice'; readonly message: string; readonly level?: NoticeLevel };

/** How loudly a notice is shown: 'info' by default, 'debug' only when debugging. */
export type NoticeLevel = 'info' | 'debug';
