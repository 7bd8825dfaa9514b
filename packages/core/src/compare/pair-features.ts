/**
 * Pair features for sentence- and paragraph-level paraphrase decisions: pure
 * functions of two passages (plus, where stated, the batch's IDF table and a
 * word-vector lookup). Each answers one question a reader asks of two
 * sentences: do they use the same words, in the same order, with the same
 * numbers, names and polarity, and do the words they do not share mean the
 * same thing? `paraphrase-model.ts` combines them with fitted weights.
 */

import { expectArg, expectString, rules, shape } from '../args.js';
import { STOPWORDS } from '../text/stopwords.js';
import { foldWord, tokenize } from '../text/tokenize.js';
import { lcsLength } from '../util/lcs.js';

/** One passage, tokenised once for every feature. */
export interface SentenceView {
  /** Normalised words in order (lower-cased, dots and possessive 's dropped). */
  readonly words: readonly string[];
  /** Content words (not function words, not negations) in order. */
  readonly content: readonly string[];
  /** Words as written, parallel to `words`. */
  readonly surface: readonly string[];
  /** Numbers as written with grouping commas removed ("1,200" → "1200"). */
  readonly numbers: ReadonlySet<string>;
  /** Capitalised words not at the start of the passage, lower-cased: names, mostly. */
  readonly names: ReadonlySet<string>;
  /** Negation words ("not", "never", "didn't" …). */
  readonly negations: number;
  /** Lower-cased text with runs of non-letters/digits folded to one space, for character n-grams. */
  readonly chars: string;
}

const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'nowhere',
  'without',
  'cannot',
]);

/** True for a negation word, including contractions ("didn't", "won't"). */
export function isNegation(word: string): boolean {
  return NEGATIONS.has(word) || /n't$/.test(word);
}

/**
 * Tokenises a passage into the view every feature reads.
 * @throws {CoreError} INVALID_ARGUMENT when `text` is not a string.
 */
export function sentenceView(text: string): SentenceView {
  expectString(text, 'sentenceView: text');
  const tokens = tokenize(text);
  const words = tokens.map((t) => foldWord(t.norm)).filter((w) => w.length > 0);
  const surface = tokens.filter((t) => foldWord(t.norm).length > 0).map((t) => t.text);
  const content = words.filter((w) => !STOPWORDS.has(w) && !isNegation(w));
  const numbers = new Set<string>();
  for (const w of words) if (/\d/.test(w)) numbers.add(w.replace(/,/g, ''));
  const names = new Set<string>();
  surface.forEach((s, i) => {
    if (i > 0 && /^\p{Lu}/u.test(s) && !STOPWORDS.has(s.toLowerCase())) names.add(words[i]!);
  });
  return {
    words,
    content,
    surface,
    numbers,
    names,
    negations: words.filter(isNegation).length,
    chars: text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  };
}

/** Dice coefficient of two sets; 0 when both are empty. */
export function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  return (2 * intersection(a, b)) / (a.size + b.size);
}

/** Share of `x` found in `y`; 1 when `x` is empty (nothing of it is missing). */
export function containmentOf(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  return x.size === 0 ? 1 : intersection(x, y) / x.size;
}

function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** Word n-grams of a sequence, as a set of space-joined strings. */
export function wordNgrams(words: readonly string[], n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  return out;
}

/** Character n-grams (n from `min` to `max`) of a string, as a set. */
export function charNgrams(text: string, min = 3, max = 5): Set<string> {
  const out = new Set<string>();
  for (let n = min; n <= max; n++)
    for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
  return out;
}

/**
 * Clipped n-gram precision of `x` against `y` (the BLEU building block):
 * the share of x's n-gram occurrences that y has at least as often. 0 when x
 * has no n-grams of that order.
 */
export function ngramPrecision(x: readonly string[], y: readonly string[], n: number): number {
  return precisionOfCounts(ngramCounts(x, n), ngramCounts(y, n));
}

/** How often each word n-gram occurs in a sequence. */
function ngramCounts(ws: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= ws.length; i++) {
    const g = ws.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** {@link ngramPrecision} of two sequences' n-gram counts. */
function precisionOfCounts(
  cx: ReadonlyMap<string, number>,
  cy: ReadonlyMap<string, number>,
): number {
  let total = 0;
  let hit = 0;
  for (const [g, c] of cx) {
    total += c;
    hit += Math.min(c, cy.get(g) ?? 0);
  }
  return total === 0 ? 0 : hit / total;
}

/** Word crudely stemmed by truncation: inflections ("rose"/"rising" aside) share their first five letters. */
export function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** Inverse document frequency over a batch of passages: log((N + 1)/(df + 1)) + 1. */
export function idfTable(views: readonly SentenceView[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const v of views) for (const w of new Set(v.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = views.length;
  const unseen = Math.log(n + 1) + 1;
  return (w) => {
    const d = df.get(w);
    return d === undefined ? unseen : Math.log((n + 1) / (d + 1)) + 1;
  };
}

/**
 * IDF-weighted Jaccard of the two passages' content words: Σ idf over shared
 * words / Σ idf over all words of either. Rare words shared count much more
 * than common ones; 0 when neither has content words.
 */
export function idfOverlap(
  a: SentenceView,
  b: SentenceView,
  idf: (word: string) => number,
): number {
  const sa = new Set(a.content);
  const sb = new Set(b.content);
  let shared = 0;
  let all = 0;
  for (const w of new Set([...sa, ...sb])) {
    const x = idf(w);
    all += x;
    if (sa.has(w) && sb.has(w)) shared += x;
  }
  return all === 0 ? 0 : shared / all;
}

/** Shorter length over longer, in words; 1 for two empty passages. */
export function lengthRatio(a: SentenceView, b: SentenceView): number {
  const x = a.words.length;
  const y = b.words.length;
  return Math.max(x, y) === 0 ? 1 : Math.min(x, y) / Math.max(x, y);
}

/**
 * Numbers one passage states and the other does not: the share of the two
 * passages' distinct numbers that only one of them has (0 when they state
 * the same numbers or none). "$2.5 billion in 1998" against "$1.8 billion in
 * 1998" is a different claim whatever the other words say.
 */
export function numberMismatch(a: SentenceView, b: SentenceView): number {
  const all = new Set([...a.numbers, ...b.numbers]);
  if (all.size === 0) return 0;
  return (all.size - intersection(a.numbers, b.numbers)) / all.size;
}

/**
 * Names (capitalised words) one passage has that the other does not mention
 * in any case, as a share of both passages' names; 0 when there are none.
 */
export function nameMismatch(a: SentenceView, b: SentenceView): number {
  const wa = new Set(a.words);
  const wb = new Set(b.words);
  let missing = 0;
  for (const n of a.names) if (!wb.has(n)) missing++;
  for (const n of b.names) if (!wa.has(n)) missing++;
  const total = a.names.size + b.names.size;
  return total === 0 ? 0 : missing / total;
}

/** 1 when exactly one of the passages is negated (odd against even count of negations), else 0. */
export function negationMismatch(a: SentenceView, b: SentenceView): number {
  return a.negations % 2 !== b.negations % 2 ? 1 : 0;
}

/**
 * Word order kept: the two passages' shared content words, read in each
 * passage's order; LCS of the two readings over their length. 1 when the
 * shared words come in the same order (or fewer than two are shared), lower
 * the more they are shuffled.
 */
export function wordOrder(a: SentenceView, b: SentenceView): number {
  const sb = new Set(b.content);
  const sa = new Set(a.content);
  const seqA = dedupe(a.content.filter((w) => sb.has(w)));
  const seqB = dedupe(b.content.filter((w) => sa.has(w)));
  const n = Math.max(seqA.length, seqB.length);
  return n < 2 ? 1 : lcsLength(seqA, seqB) / n;
}

function dedupe(ws: readonly string[]): string[] {
  const seen = new Set<string>();
  return ws.filter((w) => (seen.has(w) ? false : (seen.add(w), true)));
}

/** Unit word vector of a normalised word, or undefined when the vocabulary lacks it. */
export type WordVectors = (word: string) => Float32Array | undefined;

/**
 * Soft word alignment of `x` to `y`: for each content word of x, its best
 * cosine to any content word of y (1 for the same word, 0 for a word without
 * a vector unless y has it too), IDF-weighted mean over x. Also the share
 * (IDF-weighted) of x's content words whose best match is below `matched`
 * (information x has and y lacks). Empty x aligns fully.
 */
export function softAlignment(
  x: SentenceView,
  y: SentenceView,
  vectors: WordVectors,
  idf: (word: string) => number,
  matched = 0.5,
): { readonly mean: number; readonly unmatched: number } {
  const xs = dedupe(x.content);
  if (xs.length === 0) return { mean: 1, unmatched: 0 };
  const ys = dedupe(y.content);
  const yset = new Set(ys);
  const yv = ys.map((w) => vectors(w));
  let sum = 0;
  let weight = 0;
  let unmatched = 0;
  for (const w of xs) {
    let best = 0;
    if (yset.has(w)) best = 1;
    else {
      const v = vectors(w);
      if (v) for (const u of yv) if (u) best = Math.max(best, dot(v, u));
    }
    const k = idf(w);
    sum += k * best;
    weight += k;
    if (best < matched) unmatched += k;
  }
  return { mean: sum / weight, unmatched: unmatched / weight };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Names of the features {@link pairFeatures} returns, in order. */
export const PAIR_FEATURE_NAMES = [
  'semantic',
  'lexical',
  'contentDice',
  'containmentMin',
  'containmentMax',
  'stemDice',
  'bigramDice',
  'precision1',
  'precision2',
  'precision3',
  'precision4',
  'charDice',
  'idfOverlap',
  'lengthRatio',
  'numberMismatch',
  'hasNumbers',
  'nameMismatch',
  'negationMismatch',
  'wordOrder',
  'softAlignMean',
  'softAlignMin',
  'unmatchedMax',
] as const;

export type PairFeatureName = (typeof PAIR_FEATURE_NAMES)[number];
export type PairFeatures = Readonly<Record<PairFeatureName, number>>;

const viewRule = shape(
  {
    words: rules.stringArray,
    content: rules.stringArray,
    surface: rules.stringArray,
    chars: rules.string,
  },
  'a sentence view (from sentenceView)',
);
const contextRule = shape(
  { semantic: rules.finite, idf: rules.function, vectors: rules.function },
  'a pair context { semantic, idf, vectors }',
);

/** The sets and counts of one view the pair features read. */
interface ViewDerived {
  readonly words: ReadonlySet<string>;
  readonly content: ReadonlySet<string>;
  readonly bigrams: ReadonlySet<string>;
  readonly stems: ReadonlySet<string>;
  readonly chars: ReadonlySet<string>;
  /** Word n-gram counts for n = 1…4. */
  readonly counts: readonly ReadonlyMap<string, number>[];
}

/**
 * A view's sets and counts, built once per comparison unless the caller
 * keeps them ({@link DerivedViews}): a run compares hundreds of thousands of
 * sentences, and their n-gram sets would outlive them.
 */
function derivedOf(v: SentenceView): ViewDerived {
  return {
    words: new Set(v.words),
    content: new Set(v.content),
    bigrams: wordNgrams(v.words, 2),
    stems: new Set(v.content.map(stem)),
    chars: charNgrams(v.chars),
    counts: [1, 2, 3, 4].map((n) => ngramCounts(v.words, n)),
  };
}

/**
 * The sets and counts of the views compared most recently, at most
 * `capacity` of them (least recently used out first): a sentence is compared
 * with several others in a row (a pair's two directions, a story against each
 * of its copies), and building its character n-grams again for each was
 * most of the pair features' cost. Bounded, so a corpus-wide run holds no
 * more of them than a few stories' worth.
 */
export class DerivedViews {
  readonly #kept = new Map<SentenceView, ViewDerived>();
  readonly #capacity: number;
  constructor(capacity = 512) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }
  /** The view's derived sets, built on first use (or after they were dropped). */
  of(v: SentenceView): ViewDerived {
    let d = this.#kept.get(v);
    if (d !== undefined) {
      // Most recently used last: a Map keeps insertion order.
      this.#kept.delete(v);
      this.#kept.set(v, d);
      return d;
    }
    d = derivedOf(v);
    this.#kept.set(v, d);
    if (this.#kept.size > this.#capacity) this.#kept.delete(this.#kept.keys().next().value!);
    return d;
  }
}

/** What the pair features need besides the two passages. */
export interface PairContext {
  /** Cosine of the passages' sentence vectors (clipped at 0), from the encoder. */
  readonly semantic: number;
  readonly idf: (word: string) => number;
  readonly vectors: WordVectors;
  /** Keeps views' derived sets between calls (the same features; less work when views recur). */
  readonly derived?: DerivedViews;
}

/**
 * Every pair feature, symmetric in a and b (directional ones enter as the
 * minimum and maximum of the two directions), so the order of the passages
 * does not change a decision.
 * @throws {CoreError} INVALID_ARGUMENT when `a` or `b` is not a sentence view or `ctx` lacks a field.
 */
export function pairFeatures(a: SentenceView, b: SentenceView, ctx: PairContext): PairFeatures {
  expectArg(a, 'pairFeatures: a', viewRule);
  expectArg(b, 'pairFeatures: b', viewRule);
  expectArg(ctx, 'pairFeatures: ctx', contextRule);
  const da = ctx.derived ? ctx.derived.of(a) : derivedOf(a);
  const db = ctx.derived ? ctx.derived.of(b) : derivedOf(b);
  const ca = da.content;
  const cb = db.content;
  const contA = containmentOf(ca, cb);
  const contB = containmentOf(cb, ca);
  const prec = (n: number) => {
    const x = da.counts[n - 1]!;
    const y = db.counts[n - 1]!;
    return 0.5 * (precisionOfCounts(x, y) + precisionOfCounts(y, x));
  };
  const ab = softAlignment(a, b, ctx.vectors, ctx.idf);
  const ba = softAlignment(b, a, ctx.vectors, ctx.idf);
  return {
    semantic: ctx.semantic,
    // The align stage's wording score, computed here so the model's inputs
    // stay what it was fitted on when the align stage changes.
    lexical: 0.5 * diceOf(da.words, db.words) + 0.5 * diceOf(da.bigrams, db.bigrams),
    contentDice: diceOf(ca, cb),
    containmentMin: Math.min(contA, contB),
    containmentMax: Math.max(contA, contB),
    stemDice: diceOf(da.stems, db.stems),
    bigramDice: diceOf(da.bigrams, db.bigrams),
    precision1: prec(1),
    precision2: prec(2),
    precision3: prec(3),
    precision4: prec(4),
    charDice: diceOf(da.chars, db.chars),
    idfOverlap: idfOverlap(a, b, ctx.idf),
    lengthRatio: lengthRatio(a, b),
    numberMismatch: numberMismatch(a, b),
    hasNumbers: a.numbers.size + b.numbers.size > 0 ? 1 : 0,
    nameMismatch: nameMismatch(a, b),
    negationMismatch: negationMismatch(a, b),
    wordOrder: wordOrder(a, b),
    softAlignMean: 0.5 * (ab.mean + ba.mean),
    softAlignMin: Math.min(ab.mean, ba.mean),
    unmatchedMax: Math.max(ab.unmatched, ba.unmatched),
  };
}
