/**
 * Pair features for the derivation verdict: what an aligned candidate pair
 * shows, defined the same way for every language and script, so that a
 * fitted model (derivation-model.ts) rather than a cascade of cut-offs can
 * weigh them. Everything here is read from the alignments relate already
 * makes and from each story's text, computed once per story.
 */

import type { ParagraphFeatures, StoryAlignment } from '../align/index.js';
import { expectArg, rules, shape } from '../args.js';
import { isDerived, longestRun, sentenceRuleParts } from './classify.js';
import { buildSeedIndex, findPassages, gramAt, wordCode, type SeedIndex } from './passages.js';
import type { ClassifyOptions, DerivationStory, StoryText } from './types.js';
import { lcsLength } from '../util/lcs.js';
import { sharedTerms, type TermSet, unionTerms } from '../util/term-set.js';

/** The features that read a spinner's kept sentence skeleton (skeleton containment, sentences paired in order). */
export const SPIN_FEATURE_NAMES = [
  'skeleton4Max',
  'skeleton4Min',
  'skeleton6Max',
  'skeleton6Min',
  'sentenceOrder',
  'sentenceLength',
  'sentenceMarks',
  'sentenceFrame',
] as const;

/**
 * The rule cascade's own verdicts (classify.ts isDerived), as 0/1 features:
 * stacking, so that a fitted model can start from the hand-set rules and
 * overrule them where the other features say otherwise.
 */
export const RULE_FEATURE_NAMES = [
  'cascadeRule',
  'sentenceRule',
  'paragraphRule',
  'structuralRule',
  'wordedRule',
] as const;

/** The features, in the order the fitted model lists them. */
export const DERIVATION_FEATURE_NAMES = [
  'coverageMax',
  'coverageMin',
  'inOrder',
  'alignedUnits',
  'alignedShare',
  'shortestUnits',
  'runLength',
  'runShare',
  'wording',
  'lexical',
  'semantic',
  'paraCoverageMax',
  'paraSemantic',
  'paraWording',
  'words1Max',
  'words1Min',
  'words3Max',
  'words3Min',
  'words5Max',
  'words5Min',
  'chars5Max',
  'chars5Min',
  'lengthRatio',
  'oov',
  'chars3Max',
  'chars3Min',
  'chars8Max',
  'chars8Min',
  'passageCoverMax',
  'passageCoverMin',
  'passageLongest',
  'passageLongestShare',
  'charPassageCoverMax',
  'charPassageCoverMin',
  'charPassageLongestShare',
  'semanticKnown',
  'paraSemanticKnown',
  'prose1Max',
  'prose1Min',
  'prose2Max',
  'prose2Min',
  'proseAligned',
  'proseRunShare',
  ...SPIN_FEATURE_NAMES,
  ...RULE_FEATURE_NAMES,
] as const;

export type DerivationFeatureName = (typeof DERIVATION_FEATURE_NAMES)[number];
export type DerivationFeatures = Readonly<Record<DerivationFeatureName, number>>;

/** What the features of one candidate pair are read from. */
export interface DerivationInput {
  readonly a: DerivationStory;
  readonly b: DerivationStory;
  /** The alignment of the two stories' sentences. */
  readonly sentences: StoryAlignment;
  /** The alignment of their paragraphs, when both have paragraphs as a second view. */
  readonly paragraphs?: StoryAlignment | null;
  /** How many paragraphs each story has, when `paragraphs` is given (for the paragraph-level rule). */
  readonly paragraphUnits?: readonly [number, number];
  /** The cut-offs the rule cascade is run with (its verdicts are features). */
  readonly classify?: ClassifyOptions;
  /**
   * The features the caller reads (a model's features of non-zero weight),
   * when not all: the costly groups none of them needs (word and character
   * n-gram containment, character passages, the 6-word skeleton) are left
   * uncomputed and their features are NaN. Every feature when absent.
   */
  readonly reads?: readonly string[];
}

const storyRule = shape(
  { units: { expected: 'an array', test: Array.isArray } },
  'a story { units, text? }',
);
const inputRule = shape(
  {
    a: storyRule,
    b: storyRule,
    sentences: rules.object,
    paragraphs: { expected: 'an alignment or null', test: (v) => typeof v === 'object' },
  },
  'a derivation input { a, b, sentences, paragraphs? }',
  ['a', 'b', 'sentences'],
);

/**
 * N-grams are kept as 32-bit FNV-1a hashes, not strings: a corpus of a
 * thousand long stories holds millions of them, and strings made the
 * collector the align stage's largest cost. Two different n-grams share a
 * hash about once in 2^31; between two stories of a few thousand n-grams
 * each, a false match is rarer than one pair in a hundred, and moves a
 * containment by one n-gram in thousands.
 */

const codeCache = new WeakMap<object, Map<string, Int32Array>>();

/** Each word's hash, or each character's code, cached per text. */
function codes(text: StoryText, kind: 'words' | 'chars'): Int32Array {
  const cache = codeCache.get(text) ?? new Map<string, Int32Array>();
  codeCache.set(text, cache);
  const hit = cache.get(kind);
  if (hit) return hit;
  let out: Int32Array;
  if (kind === 'words') {
    out = new Int32Array(text.words.length);
    text.words.forEach((w, i) => {
      out[i] = wordCode(w);
    });
  } else {
    out = new Int32Array(text.chars.length);
    for (let i = 0; i < text.chars.length; i++) out[i] = text.chars.charCodeAt(i);
  }
  cache.set(kind, out);
  return out;
}

const gramCache = new WeakMap<object, Map<string, ReadonlySet<number>>>();

/** The story's word n-grams (n ≥ 1) or character n-grams, as hashes, cached per text. */
function grams(text: StoryText, kind: 'words' | 'chars', n: number): ReadonlySet<number> {
  const cache = gramCache.get(text) ?? new Map<string, ReadonlySet<number>>();
  gramCache.set(text, cache);
  const key = `${kind}${n}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const c = codes(text, kind);
  const out = new Set<number>();
  for (let i = 0; i + n <= c.length; i++) out.add(gramAt(c, i, n));
  cache.set(key, out);
  return out;
}

/** Share of `x`'s members that `y` holds (0 when `x` is empty). */
function containment(x: ReadonlySet<number>, y: ReadonlySet<number>): number {
  if (x.size === 0) return 0;
  let hit = 0;
  for (const g of x) if (y.has(g)) hit++;
  return hit / x.size;
}

const unitTexts = new WeakMap<object, StoryText>();

/** The whole text, or a stand-in from the units' words when relate-input gave none. */
function textOf(s: DerivationStory): StoryText {
  if (s.text) return s.text;
  const hit = unitTexts.get(s);
  if (hit) return hit;
  const words = s.units.flatMap((u) => u.words);
  const made = { words, chars: words.join(' '), oov: 0 };
  unitTexts.set(s, made);
  return made;
}

/**
 * Reused passages, found the way passim finds them: exact runs of shared
 * seeds (word 3-grams or character 10-grams, those at most
 * PASSAGE.maxRepeats times in the other text) chained in order across small
 * gaps (rewritten or dropped words between them), kept when they span
 * enough of both texts. Fixed by design, not fitted: a seed of three words
 * or ten characters is a phrase, a gap of eight words or forty characters is
 * about one rewritten clause, and a passage of eight words or fifty
 * characters is more than a shared name or formula.
 */
const PASSAGE = {
  words: { n: 3, gap: 8, min: 8 },
  chars: { n: 10, gap: 40, min: 50 },
  maxRepeats: 4,
} as const;

const seedCache = new WeakMap<object, Map<string, SeedIndex>>();

function seedIndex(text: StoryText, kind: 'words' | 'chars'): SeedIndex {
  const cache = seedCache.get(text) ?? new Map<string, SeedIndex>();
  seedCache.set(text, cache);
  const hit = cache.get(kind);
  if (hit) return hit;
  const made = buildSeedIndex(codes(text, kind), PASSAGE[kind].n);
  cache.set(kind, made);
  return made;
}

/** What the reused passages of two texts cover. */
interface Passages {
  /** Share of each text inside a passage. */
  readonly coverX: number;
  readonly coverY: number;
  /** The longest passage, in units of the shorter side's sequence. */
  readonly longest: number;
}

function passages(x: SeedIndex, y: SeedIndex, kind: 'words' | 'chars'): Passages {
  const found = findPassages(x, y, { ...PASSAGE[kind], maxRepeats: PASSAGE.maxRepeats });
  return { coverX: found.coverX, coverY: found.coverY, longest: found.longest };
}

/** The passages of two texts, the same whichever is given first. */
function passagesOf(ta: StoryText, tb: StoryText, kind: 'words' | 'chars'): Passages {
  const first =
    ta.chars.length !== tb.chars.length ? ta.chars.length > tb.chars.length : ta.chars >= tb.chars;
  const [x, y] = first ? [ta, tb] : [tb, ta];
  return passages(seedIndex(x, kind), seedIndex(y, kind), kind);
}

/**
 * A story's prose vocabulary: the union of its units' wording unigrams and
 * bigrams (content words outside quotations, names and numbers left out;
 * align/features.ts). Two outlets reporting one event share its names,
 * numbers and quotations; a copy shares the ordinary words between them.
 */
interface Prose {
  readonly uni: TermSet;
  readonly bi: TermSet;
}

const proseCache = new WeakMap<object, Prose>();

function proseOf(s: DerivationStory): Prose {
  const hit = proseCache.get(s.units);
  if (hit) return hit;
  const made = {
    uni: unionTerms(s.units.map((u) => u.wordingUnigrams)),
    bi: unionTerms(s.units.map((u) => u.wordingBigrams)),
  };
  proseCache.set(s.units, made);
  return made;
}

/** Share of `x`'s terms that `y` holds (0 when `x` is empty). */
function containsShare(x: TermSet, y: TermSet): number {
  return x.length === 0 ? 0 : sharedTerms(x, y) / x.length;
}

/**
 * The aligned units' prose: each distinct unit of the shorter story counts
 * the best wording kept (0..1) of its matches, summed over the story's units
 * (`aligned`, 0..1); and the longest in-order run of consecutive matches,
 * each counting its wording kept, over the shorter story's units (`run`).
 * Units aligned only by a shared quotation, name or fact keep no wording and
 * add nothing, as they add to coverage.
 */
function proseAlignment(al: StoryAlignment, shortSide: 'a' | 'b', shortest: number) {
  const best = new Map<number, number>();
  for (const m of al.matches) {
    const w = Number.isFinite(m.wording) ? m.wording : 0;
    const k = m[shortSide];
    best.set(k, Math.max(best.get(k) ?? 0, w));
  }
  let sum = 0;
  for (const w of best.values()) sum += w;
  const sorted = [...al.matches].sort((p, q) => p.a - q.a || p.b - q.b);
  let run = 0;
  let cur = 0;
  for (const [i, m] of sorted.entries()) {
    const prev = sorted[i - 1];
    const w = Number.isFinite(m.wording) ? m.wording : 0;
    const next = prev && m.inOrder && prev.inOrder && m.a === prev.a + 1 && m.b === prev.b + 1;
    cur = next ? cur + w : w;
    run = Math.max(run, cur);
  }
  return { aligned: Math.min(1, sum / shortest), run: Math.min(1, run / shortest) };
}

/**
 * Spin: a spinner swaps content words for synonyms but keeps the sentence
 * skeleton (the frequent words, word order, sentence lengths and order,
 * names and numbers); independent reports of one event share facts, names
 * and quotations but not the skeleton. The frequent words are estimated
 * from the pair itself, without a word list, so that the same definition
 * holds in every language and script: the most frequent word types of the
 * two texts together, taken in order of frequency until they cover
 * SKELETON.cover of the tokens (at most SKELETON.maxTypes types). In any
 * language those are its function words (and the story's main names).
 * Fixed by design, not fitted: function words are about 40% of running
 * text in the languages of the eval sets.
 */
const SKELETON = { cover: 0.4, maxTypes: 100, minKept: 2 } as const;

/** Hash of the placeholder that stands for every word outside the frequent set. */
const HOLE = 0x2a;

const countCache = new WeakMap<object, Map<string, number>>();

function wordCounts(text: StoryText): Map<string, number> {
  const hit = countCache.get(text);
  if (hit) return hit;
  const out = new Map<string, number>();
  for (const w of text.words) out.set(w, (out.get(w) ?? 0) + 1);
  countCache.set(text, out);
  return out;
}

/** The pair's frequent words (see SKELETON). */
function frequentWords(ta: StoryText, tb: StoryText): ReadonlySet<string> {
  const total = new Map(wordCounts(ta));
  for (const [w, n] of wordCounts(tb)) total.set(w, (total.get(w) ?? 0) + n);
  const tokens = ta.words.length + tb.words.length;
  const ranked = [...total].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const out = new Set<string>();
  let covered = 0;
  for (const [w, n] of ranked) {
    if (covered >= SKELETON.cover * tokens || out.size >= SKELETON.maxTypes) break;
    out.add(w);
    covered += n;
  }
  return out;
}

/**
 * Skeleton n-grams of a text: each word its own hash when frequent, the
 * placeholder otherwise; only n-grams holding at least SKELETON.minKept
 * frequent words (a run of placeholders matches anything).
 */
function skeletonGrams(
  text: StoryText,
  frequent: ReadonlySet<string>,
  n: number,
): ReadonlySet<number> {
  const c = codes(text, 'words');
  const kept = text.words.map((w) => frequent.has(w));
  const sk = Int32Array.from(c, (h, i) => (kept[i] ? h : HOLE));
  const out = new Set<number>();
  let inWindow = 0;
  for (let i = 0; i < sk.length; i++) {
    if (kept[i]) inWindow++;
    if (i >= n && kept[i - n]) inWindow--;
    if (i + 1 >= n && inWindow >= SKELETON.minKept) out.add(gramAt(sk, i + 1 - n, n));
  }
  return out;
}

/** Marks of a unit's order: its numbers, in order (a spinner keeps them, and where they stand). */
function numbersOf(u: ParagraphFeatures): string[] {
  return u.words.filter((w) => /\p{N}/u.test(w));
}

/**
 * A sentence's frame: its frequent words in order, each with the number of
 * other words before it since the previous one (0, 1, 2, or 3 for more).
 * A spinner's one-for-one swaps keep the frame; another writer's sentence
 * on the same facts does not.
 */
function frameOf(u: ParagraphFeatures, frequent: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let gap = 0;
  for (const w of u.words) {
    if (frequent.has(w)) {
      out.push(`${Math.min(gap, 3)}${w}`);
      gap = 0;
    } else gap++;
  }
  return out;
}

/** Longest common subsequence of two frames over the longer frame (0 when both are empty). */
function frameAgreement(x: readonly string[], y: readonly string[]): number {
  const n = Math.max(x.length, y.length);
  return n === 0 ? 0 : lcsLength(x, y) / n;
}

/**
 * Sentence skeleton agreement: sentences of the two stories paired in
 * order (a longest common subsequence) where a pair shares at least two
 * rare words (words outside the frequent set, found in both stories but in
 * at most two sentences of each: the facts a sentence carries, not the
 * story's recurring names) and neither sentence is over twice the other's
 * length. `order`: the pairs over the shorter story's sentences;
 * `length`: the same, each pair counting its length ratio; `marks`: each
 * pair counting whether its numbers agree in order (pairs without numbers
 * count when both have none); `frame`: each pair counting how much of its
 * frame (frameOf) agrees.
 */
function sentenceSkeleton(
  a: DerivationStory,
  b: DerivationStory,
  frequent: ReadonlySet<string>,
): { order: number; length: number; marks: number; frame: number } {
  const ua = a.units;
  const ub = b.units;
  const shortest = Math.min(ua.length, ub.length);
  const none = { order: 0, length: 0, marks: 0, frame: 0 };
  if (shortest === 0) return none;
  const where = (units: readonly ParagraphFeatures[]) => {
    const m = new Map<string, number[]>();
    units.forEach((u, i) => {
      for (const w of new Set(u.words)) {
        if (frequent.has(w)) continue;
        const list = m.get(w);
        if (list) list.push(i);
        else m.set(w, [i]);
      }
    });
    return m;
  };
  const wa = where(ua);
  const wb = where(ub);
  const shared = new Map<number, number>();
  for (const [w, ia] of wa) {
    const ib = wb.get(w);
    if (!ib || ia.length > 2 || ib.length > 2) continue;
    for (const i of ia)
      for (const j of ib) {
        const k = i * ub.length + j;
        shared.set(k, (shared.get(k) ?? 0) + 1);
      }
  }
  const ok = new Set<number>();
  for (const [k, n] of shared) {
    if (n < 2) continue;
    const la = ua[Math.floor(k / ub.length)]!.words.length;
    const lb = ub[k % ub.length]!.words.length;
    if (Math.min(la, lb) * 2 >= Math.max(la, lb)) ok.add(k);
  }
  if (ok.size === 0) return none;
  // Longest common subsequence over the matching sentence pairs.
  const rows = ua.length + 1;
  const cols = ub.length + 1;
  const dp = new Uint16Array(rows * cols);
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const k = (i - 1) * ub.length + (j - 1);
      dp[i * cols + j] = ok.has(k)
        ? dp[(i - 1) * cols + j - 1]! + 1
        : Math.max(dp[(i - 1) * cols + j]!, dp[i * cols + j - 1]!);
    }
  let order = 0;
  let length = 0;
  let marks = 0;
  let frame = 0;
  for (let i = ua.length, j = ub.length; i > 0 && j > 0;) {
    const k = (i - 1) * ub.length + (j - 1);
    if (ok.has(k) && dp[i * cols + j] === dp[(i - 1) * cols + j - 1]! + 1) {
      const x = ua[i - 1]!;
      const y = ub[j - 1]!;
      order++;
      length +=
        Math.min(x.words.length, y.words.length) / Math.max(1, x.words.length, y.words.length);
      if (numbersOf(x).join(' ') === numbersOf(y).join(' ')) marks++;
      frame += frameAgreement(frameOf(x, frequent), frameOf(y, frequent));
      i--;
      j--;
    } else if (dp[(i - 1) * cols + j]! >= dp[i * cols + j - 1]!) i--;
    else j--;
  }
  return {
    order: order / shortest,
    length: length / shortest,
    marks: marks / shortest,
    frame: frame / shortest,
  };
}

function mean(al: StoryAlignment, key: 'wording' | 'lexical' | 'semantic'): number {
  const n = al.matches.length;
  return n ? al.matches.reduce((s, m) => s + m[key], 0) / n : 0;
}

/**
 * The derivation features of one candidate pair (all 0..1, or log counts).
 * Symmetric in a and b: each two-way measure is given as its max and min.
 * @throws CoreError INVALID_ARGUMENT when `input` lacks the two stories or the sentence alignment.
 */
export function derivationFeatures(input: DerivationInput): DerivationFeatures {
  expectArg(input, 'derivationFeatures: input', inputRule);
  const { a, b, sentences: al } = input;
  const para = input.paragraphs ?? al;
  const sizeA = a.units.length;
  const sizeB = b.units.length;
  const shortest = Math.max(1, Math.min(sizeA, sizeB));
  // Distinct units of the shorter story that found a partner.
  const shortSide = sizeA <= sizeB ? 'a' : 'b';
  const alignedShort = new Set(al.matches.map((m) => m[shortSide])).size;
  const run = longestRun(al);
  const ta = textOf(a);
  const tb = textOf(b);
  const reads = input.reads ? new Set(input.reads) : null;
  /** Whether any of these features is read. */
  const wanted = (...names: (keyof DerivationFeatures)[]) =>
    !reads || names.some((name) => reads.has(name));
  const unread: [number, number] = [NaN, NaN];
  const both = (kind: 'words' | 'chars', n: number): [number, number] => {
    const prefix = kind === 'words' ? 'words' : 'chars';
    if (
      !wanted(
        `${prefix}${n}Max` as keyof DerivationFeatures,
        `${prefix}${n}Min` as keyof DerivationFeatures,
      )
    )
      return unread;
    const ga = grams(ta, kind, n);
    const gb = grams(tb, kind, n);
    const ab = containment(ga, gb);
    const ba = containment(gb, ga);
    return [Math.max(ab, ba), Math.min(ab, ba)];
  };
  const [w1Max, w1Min] = both('words', 1);
  const [w3Max, w3Min] = both('words', 3);
  const [w5Max, w5Min] = both('words', 5);
  const [c5Max, c5Min] = both('chars', 5);
  const [c3Max, c3Min] = both('chars', 3);
  const [c8Max, c8Min] = both('chars', 8);
  const la = ta.words.length;
  const lb = tb.words.length;
  const wp = passagesOf(ta, tb, 'words');
  const cp = wanted('charPassageCoverMax', 'charPassageCoverMin', 'charPassageLongestShare')
    ? passagesOf(ta, tb, 'chars')
    : { coverX: NaN, coverY: NaN, longest: NaN };
  const shortWords = Math.max(1, Math.min(la, lb));
  const shortChars = Math.max(1, Math.min(ta.chars.length, tb.chars.length));
  const oov = Math.max(ta.oov, tb.oov);
  const semantic = mean(al, 'semantic');
  const paraSemantic = mean(para, 'semantic');
  const pa = proseOf(a);
  const pb = proseOf(b);
  const p1 = [containsShare(pa.uni, pb.uni), containsShare(pb.uni, pa.uni)];
  const p2 = [containsShare(pa.bi, pb.bi), containsShare(pb.bi, pa.bi)];
  const prose = proseAlignment(al, shortSide, shortest);
  const frequent = frequentWords(ta, tb);
  const skeleton = (n: number): [number, number] => {
    const ga = skeletonGrams(ta, frequent, n);
    const gb = skeletonGrams(tb, frequent, n);
    const ab = containment(ga, gb);
    const ba = containment(gb, ga);
    return [Math.max(ab, ba), Math.min(ab, ba)];
  };
  const sk4 = skeleton(4);
  const sk6 = wanted('skeleton6Max', 'skeleton6Min') ? skeleton(6) : unread;
  // In one order whichever story is given first (the pairs the subsequence keeps may differ).
  const aFirst =
    ta.chars.length !== tb.chars.length ? ta.chars.length > tb.chars.length : ta.chars >= tb.chars;
  const sent = aFirst ? sentenceSkeleton(a, b, frequent) : sentenceSkeleton(b, a, frequent);
  // The rule cascade, at the sentence level and at the paragraph level.
  const sentenceParts = sentenceRuleParts(al, sizeA, sizeB, input.classify);
  const paragraphRule =
    input.paragraphs && input.paragraphUnits
      ? isDerived(input.paragraphs, ...input.paragraphUnits, input.classify)
      : false;
  return {
    coverageMax: Math.max(al.coverageA, al.coverageB),
    coverageMin: Math.min(al.coverageA, al.coverageB),
    inOrder: al.matches.length ? al.inOrderShare : 0,
    alignedUnits: Math.log1p(al.matches.length),
    alignedShare: Math.min(1, alignedShort / shortest),
    shortestUnits: Math.log1p(Math.min(sizeA, sizeB)),
    runLength: Math.log1p(run),
    runShare: Math.min(1, run / shortest),
    wording: mean(al, 'wording'),
    lexical: mean(al, 'lexical'),
    semantic,
    paraCoverageMax: Math.max(para.coverageA, para.coverageB),
    paraSemantic,
    paraWording: mean(para, 'wording'),
    words1Max: w1Max,
    words1Min: w1Min,
    words3Max: w3Max,
    words3Min: w3Min,
    words5Max: w5Max,
    words5Min: w5Min,
    chars5Max: c5Max,
    chars5Min: c5Min,
    lengthRatio: Math.max(la, lb) ? Math.min(la, lb) / Math.max(la, lb) : 0,
    oov,
    chars3Max: c3Max,
    chars3Min: c3Min,
    chars8Max: c8Max,
    chars8Min: c8Min,
    passageCoverMax: Math.max(wp.coverX, wp.coverY),
    passageCoverMin: Math.min(wp.coverX, wp.coverY),
    passageLongest: Math.log1p(wp.longest),
    passageLongestShare: Math.min(1, wp.longest / shortWords),
    charPassageCoverMax: Math.max(cp.coverX, cp.coverY),
    charPassageCoverMin: Math.min(cp.coverX, cp.coverY),
    charPassageLongestShare: Math.min(1, cp.longest / shortChars),
    // Embedding similarity counts only as far as the encoder knows the words.
    semanticKnown: semantic * (1 - oov),
    paraSemanticKnown: paraSemantic * (1 - oov),
    // Prose outside quotations, names and numbers: what a copy shares and
    // two independent reports of one event do not.
    prose1Max: Math.max(...p1),
    prose1Min: Math.min(...p1),
    prose2Max: Math.max(...p2),
    prose2Min: Math.min(...p2),
    proseAligned: prose.aligned,
    proseRunShare: prose.run,
    // Spin: the skeleton a synonym spinner keeps and an independent report does not share.
    skeleton4Max: sk4[0],
    skeleton4Min: sk4[1],
    skeleton6Max: sk6[0],
    skeleton6Min: sk6[1],
    sentenceOrder: sent.order,
    sentenceLength: sent.length,
    sentenceMarks: sent.marks,
    sentenceFrame: sent.frame,
    // Stacking: the hand-set rules' verdicts.
    cascadeRule: sentenceParts.derived || paragraphRule ? 1 : 0,
    sentenceRule: sentenceParts.derived ? 1 : 0,
    paragraphRule: paragraphRule ? 1 : 0,
    structuralRule: sentenceParts.structural ? 1 : 0,
    wordedRule: sentenceParts.worded ? 1 : 0,
  };
}
