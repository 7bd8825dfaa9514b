/**
 * The relate stage's view of a corpus: each embedded story's sentences and
 * paragraphs with their lexical features and vectors, and the facts the
 * direction test reads.
 */

import { paragraphFeatures, type ParagraphFeatures } from '../align/index.js';
import type { EmbeddedCorpus } from '../embed/index.js';
import type { StoryText } from '../classify/index.js';
import { maskQuotations, withoutQuotations } from '../text/quotes.js';
import { foldWord, tokenize } from '../text/tokenize.js';
import type { SegmentedDoc } from '../types.js';
import type { RelateInput, RelateStory, StoryFacts } from './types.js';

/** One story as plain data (structured-clone safe): what a worker thread rebuilds its RelateStory from. */
export interface PlainRelateStory {
  readonly id: string;
  readonly language: string | null;
  /** Sentence texts (the units), with the paragraph each stands in. */
  readonly sentences: readonly string[];
  readonly paragraphOf: readonly number[];
  readonly paragraphs: readonly string[];
  readonly sentenceVectors: Float32Array;
  readonly paragraphVectors: Float32Array;
  readonly dimensions: number;
  readonly facts: StoryFacts;
  readonly names: readonly string[];
}

/** The relate input as plain data: stories, candidate pairs and pages' pairs. */
export interface PlainRelateInput {
  readonly stories: readonly PlainRelateStory[];
  readonly candidates: readonly (readonly [string, string])[];
  readonly samePage: readonly (readonly [string, string])[];
}

/**
 * The relate input as plain data, from the segmented pages, their embedding
 * and the candidate pairs (paragraph neighbours and shared text).
 * @throws never.
 */
export function plainRelateInput(
  docs: readonly SegmentedDoc[],
  embedded: EmbeddedCorpus,
  candidates: readonly { readonly a: string; readonly b: string }[],
): PlainRelateInput {
  const pagePublished = new Map(docs.map((doc) => [doc.id, doc.published]));
  const stories = embedded.stories.map(
    ({ story: s, sentences, sentenceVectors, paragraphVectors }): PlainRelateStory => ({
      id: s.id,
      language: s.language,
      sentences: sentences.map((x) => x.text),
      paragraphOf: sentences.map((x) => x.paragraph),
      paragraphs: s.paragraphs.map((p) => p.text),
      sentenceVectors,
      paragraphVectors,
      dimensions: embedded.dimensions,
      facts: {
        id: s.id,
        published: s.published,
        pagePublished: pagePublished.get(s.docId) ?? null,
        outlets: s.outlets,
        credits: s.credits,
      },
      names: s.names,
    }),
  );
  return {
    stories,
    candidates: candidates.map((c) => [c.a, c.b] as const),
    // Stories of one page never copy each other (checked for shared coverage only).
    samePage: docs.flatMap((doc) =>
      doc.stories.flatMap((x, i) => doc.stories.slice(i + 1).map((y) => [x.id, y.id] as const)),
    ),
  };
}

/**
 * Builds the relate input from the segmented pages, their embedding and the
 * candidate pairs (paragraph neighbours and shared text). Lexical features
 * are computed once per unit, when relate first reads a story's.
 * @throws never.
 */
export function relateInput(
  docs: readonly SegmentedDoc[],
  embedded: EmbeddedCorpus,
  candidates: readonly { readonly a: string; readonly b: string }[],
): RelateInput {
  const rank = embedded.encoder.wordRank
    ? (w: string) => embedded.encoder.wordRank?.(w)
    : undefined;
  return fromPlainInput(plainRelateInput(docs, embedded, candidates), rank);
}

/**
 * The relate input over plain data; `rank` is the encoder's word rank, when
 * it has one (the stories' share of unknown words reads it).
 * @throws never.
 */
export function fromPlainInput(
  plain: PlainRelateInput,
  rank: ((word: string) => number | undefined) | undefined,
): RelateInput {
  return {
    stories: relateStories(plain.stories, rank),
    candidates: plain.candidates,
    samePage: plain.samePage,
    ...(rank ? { rank } : {}),
  };
}

/**
 * The relate stage's stories over plain data, by id. Lexical features are
 * computed once per unit, when relate first reads a story's.
 * @throws never.
 */
export function relateStories(
  plain: readonly PlainRelateStory[],
  known: ((word: string) => number | undefined) | undefined,
): Map<string, RelateStory> {
  const stories = new Map<string, RelateStory>();
  // A content farm's copies repeat their texts: each distinct text (in one
  // language) gets its features once, and identical bodies share one
  // StoryText, so the derivation features' caches serve every copy too.
  const features = new Map<string | null, Map<string, ParagraphFeatures>>();
  const featuresOf = (text: string, lang: string | null, outside?: string): ParagraphFeatures => {
    let byText = features.get(lang);
    if (!byText) features.set(lang, (byText = new Map()));
    const key = outside === undefined ? text : `${text}\u0001${outside}`;
    let f = byText.get(key);
    if (!f) byText.set(key, (f = paragraphFeatures(text, lang, outside)));
    return f;
  };
  const texts = new Map<string, StoryText>();
  const textOf = (paragraphs: readonly string[]): StoryText => {
    const key = paragraphs.join('\u0000');
    let t = texts.get(key);
    if (!t) texts.set(key, (t = storyText(paragraphs, known)));
    return t;
  };
  for (const s of plain) {
    // Lexical features cost as much as the rest of the run together on a
    // long page: each is computed when relate first reads it, so a story no
    // pair reaches (the only story of a corpus) never has any.
    const units = once(() =>
      sentencesOutside(s).map((outside, k) => featuresOf(s.sentences[k]!, s.language, outside)),
    );
    const paragraphUnits = once(() => s.paragraphs.map((p) => featuresOf(p, s.language)));
    const text = once(() => textOf(s.paragraphs));
    stories.set(s.id, {
      id: s.id,
      get units() {
        return units();
      },
      paragraphOf: s.paragraphOf,
      vectors: s.sentenceVectors,
      dimensions: s.dimensions,
      byParagraph: {
        id: s.id,
        get units() {
          return paragraphUnits();
        },
        vectors: s.paragraphVectors,
        dimensions: s.dimensions,
      },
      facts: s.facts,
      names: new Set(s.names),
      get text() {
        return text();
      },
    });
  }
  return stories;
}

/**
 * Each sentence's text outside quotations as its paragraph reads them: a
 * quotation of several sentences ("We knew. We could not know when," she
 * said.) is a quotation in each of them, not the writer's words. A sentence
 * not found in its paragraph (never, as the embed stage cuts them) reads
 * its own quotations.
 */
function sentencesOutside(s: PlainRelateStory): (string | undefined)[] {
  const masked = new Map<number, string>();
  const cursor = new Map<number, number>();
  return s.sentences.map((sentence, k) => {
    const p = s.paragraphOf[k];
    const paragraph = p === undefined ? undefined : s.paragraphs[p];
    if (p === undefined || paragraph === undefined) return undefined;
    const at = paragraph.indexOf(sentence, cursor.get(p) ?? 0);
    if (at < 0) return undefined;
    cursor.set(p, at + sentence.length);
    let m = masked.get(p);
    if (m === undefined) masked.set(p, (m = maskQuotations(paragraph)));
    return m.slice(at, at + sentence.length);
  });
}

/** `compute`'s value, computed on the first call only. */
function once<T>(compute: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

/**
 * A story's text outside quotations as the derivation features read it: its
 * words in order, its characters (punctuation and spaces as one space), and
 * the share of its words the encoder does not know.
 */
function storyText(
  paragraphs: readonly string[],
  rank: ((w: string) => number | undefined) | undefined,
): StoryText {
  const outside = paragraphs.map((p) => withoutQuotations(p));
  const words = outside.flatMap((p) => tokenize(p).map((t) => foldWord(t.norm)));
  const chars = outside
    .join(' ')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
  const unknown = rank ? words.filter((w) => rank(w) === undefined).length : 0;
  return { words, chars, oov: words.length ? unknown / words.length : 0 };
}
