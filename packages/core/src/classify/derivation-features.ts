/**
 * Pair features for the derivation verdict: what an aligned candidate pair
 * shows, defined the same way for every language and script, so that a
 * fitted model (derivation-model.ts) rather than a cascade of cut-offs can
 * weigh them. Everything here is read from the alignments relate already
 * makes and from each story's text, computed once per story.
 */

import type { StoryAlignment } from '../align/index.js';
import { expectArg, rules, shape } from '../args.js';
import { longestRun } from './classify.js';
import type { DerivationStory, StoryText } from './types.js';

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

const gramCache = new WeakMap<object, Map<string, ReadonlySet<string>>>();

/** The story's word n-grams (n ≥ 1) or character n-grams, cached per text. */
function grams(text: StoryText, kind: 'words' | 'chars', n: number): ReadonlySet<string> {
  const cache = gramCache.get(text) ?? new Map<string, ReadonlySet<string>>();
  gramCache.set(text, cache);
  const key = `${kind}${n}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Set<string>();
  if (kind === 'words') {
    const w = text.words;
    for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  } else {
    const c = text.chars;
    for (let i = 0; i + n <= c.length; i++) out.add(c.slice(i, i + n));
  }
  cache.set(key, out);
  return out;
}

/** Share of `x`'s members that `y` holds (0 when `x` is empty). */
function containment(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
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
  const both = (kind: 'words' | 'chars', n: number): [number, number] => {
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
  const la = ta.words.length;
  const lb = tb.words.length;
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
    semantic: mean(al, 'semantic'),
    paraCoverageMax: Math.max(para.coverageA, para.coverageB),
    paraSemantic: mean(para, 'semantic'),
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
    oov: Math.max(ta.oov, tb.oov),
  };
}
