/**
 * How much of a copy comes from its source: text-level reuse measures of a
 * derivation relation, and the extent verdict a fitted model reads from them.
 *
 * The labels are METER's (Clough, Gaizauskas, Piao & Wilks 2002): a copy is
 * **wholly derived** when its text comes from the source (light edits,
 * sentences dropped, trimmed or moved, a new lead are allowed), **partially
 * derived** when only some of it does and the rest is the writer's own or
 * from elsewhere. Which of the two is decided by a logistic model
 * (models/extent-lr.json, fitted by `npm run fit:extent -w @stemma/eval` on
 * generated pairs only; its header says which), not by a cut on one measure.
 *
 * The measures are defined the same way for every script: words by
 * Intl.Segmenter (text/tokenize.ts), and for text written without spaces
 * (Chinese, Japanese, Thai…) each letter or digit as a token, so that
 * character n-grams stand in for word n-grams; sentences by the sentence
 * splitter of text/sentences.ts; reused passages by the seed-and-chain
 * local alignment of passages.ts.
 */

import { fileURLToPath } from 'node:url';
import { expectArg, expectString, rules, shape } from '../args.js';
import {
  loadParaphraseModel,
  logisticProbability,
  type ParaphraseModel,
} from '../compare/index.js';
import { splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { lcsLength } from '../util/lcs.js';
import {
  buildSeedIndex,
  findPassages,
  gramAt,
  wordCode,
  type Passage,
  type SeedIndex,
} from './passages.js';

/** The measures, in the order the fitted model may list them. */
export const EXTENT_MEASURE_NAMES = [
  'copyReused',
  'sourceReused',
  'copySentencesReused',
  'sourceSentencesReused',
  'longestRun',
  'orderAgreement',
  'newWords',
  'sourceSpanReused',
  'contentReused',
  'contentSentencesReused',
  'sourceContentReused',
  'copySentencesPaired',
  'copySentencesFollowed',
] as const;

export type ExtentMeasureName = (typeof EXTENT_MEASURE_NAMES)[number];

/** Text-level reuse between a copy (child) and its source (parent); every value 0..1. */
export type ExtentMeasures = Readonly<Record<ExtentMeasureName, number>>;

export type Extent = 'wholly' | 'partially';

/** The two texts of a relation, as paragraphs. */
export interface ExtentInput {
  readonly parent: readonly string[];
  readonly child: readonly string[];
  /** The child's language (ISO 639-3 or BCP 47), for the sentence splitter's locale. */
  readonly language?: string | null;
}

/**
 * Reused passages: a word passage is at least eight words chained from
 * three-word seeds across gaps of at most eight words (the derivation
 * features' settings, derivation-features.ts PASSAGE); for text without
 * spaces a passage is at least twelve characters chained from four-character
 * seeds across gaps of twelve (a Chinese word is one to two characters, so
 * about as much text). A sentence is reused when NEAR of its word bigrams
 * (character trigrams without spaces) stand in its counterpart text: an
 * exact or near-exact copy of it. Fixed by design, not fitted.
 */
const EXTENT = {
  words: { n: 3, gap: 8, min: 8, maxRepeats: 4, sentenceGram: 2 },
  chars: { n: 4, gap: 12, min: 12, maxRepeats: 4, sentenceGram: 3 },
  near: 0.8,
  /** Below this many white-space characters per letter, a text is written without spaces. */
  spacedRatio: 0.05,
} as const;

type Mode = 'words' | 'chars';

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/** Whether the text is written without spaces between words (Chinese, Japanese, Thai…). */
function modeOf(text: string): Mode {
  let letters = 0;
  let spaces = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) spaces++;
    else if (LETTER.test(ch)) letters++;
  }
  return letters > 0 && spaces / letters < EXTENT.spacedRatio ? 'chars' : 'words';
}

/** Token codes of a text: word hashes, or letter codes where there are no spaces. */
function tokenCodes(text: string, mode: Mode): Int32Array {
  if (mode === 'words') return Int32Array.from(tokenize(text), (t) => wordCode(t.norm));
  const out: number[] = [];
  for (const ch of text.toLowerCase()) if (LETTER.test(ch)) out.push(ch.codePointAt(0)!);
  return Int32Array.from(out);
}

function gramSet(c: Int32Array, n: number): Set<number> {
  const out = new Set<number>();
  if (c.length > 0 && c.length < n) out.add(gramAt(c, 0, c.length));
  for (let i = 0; i + n <= c.length; i++) out.add(gramAt(c, i, n));
  return out;
}

/** Share of `sentences` with at least EXTENT.near of their n-grams in `other`. */
function sentencesReused(
  sentences: readonly Int32Array[],
  other: ReadonlySet<number>,
  n: number,
): number {
  const counted = sentences.filter((s) => s.length > 0);
  if (counted.length === 0) return 0;
  let reused = 0;
  for (const s of counted) {
    const grams = gramSet(s, n);
    let hit = 0;
    for (const g of grams) if (other.has(g)) hit++;
    if (hit >= EXTENT.near * grams.size) reused++;
  }
  return reused / counted.length;
}

/**
 * Share of the passages' length (child side) in the longest chain of
 * passages that runs in the same order in both texts.
 */
function orderAgreement(passages: readonly Passage[]): number {
  if (passages.length === 0) return 0;
  const byChild = [...passages].sort((p, q) => p.y0 - q.y0);
  const len = byChild.map((p) => p.y1 - p.y0);
  const best: number[] = [];
  for (let k = 0; k < byChild.length; k++) {
    let b = 0;
    for (let m = 0; m < k; m++) if (byChild[m]!.x0 < byChild[k]!.x0) b = Math.max(b, best[m]!);
    best.push(b + len[k]!);
  }
  const total = len.reduce((s, v) => s + v, 0);
  return total ? Math.max(...best) / total : 0;
}

/**
 * Content tokens: what a rewrite keeps while it changes the phrasing.
 * A word is content when it holds a digit or is longer than the median
 * length of the text's running words (function words are short and
 * frequent, so they pull the median down): no word list, any script. Each
 * is keyed by its first CONTENT.prefix letters, so that inflected forms of
 * one word match (Turkish, Polish, German endings). Without spaces, each
 * character bigram is a content token. A sentence is mostly from the other
 * text when CONTENT.mostly of its content tokens are there. Fixed by
 * design, not fitted.
 */
const CONTENT = { prefix: 5, mostly: 0.75, minPerSentence: 2 } as const;

const DIGIT = /\p{N}/u;

/** Code points in a word. */
function codePoints(w: string): number {
  // UTF-16 units less one per surrogate pair.
  let n = w.length;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const next = w.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) n--;
  }
  return n;
}

/** The word's first `n` code points. */
function headOf(w: string, n: number): string {
  let out = '';
  let k = 0;
  for (const ch of w) {
    if (k++ >= n) break;
    out += ch;
  }
  return out;
}

/**
 * Content keys of each sentence (see CONTENT), from the sentences' texts
 * (without spaces) or their words' normal forms (with spaces).
 */
function contentKeys(
  sentences: readonly string[],
  mode: Mode,
  wordsOf: () => readonly (readonly string[])[],
): string[][] {
  if (mode === 'chars') {
    return sentences.map((s) => {
      const letters = [...s.toLowerCase()].filter((ch) => LETTER.test(ch));
      const out: string[] = [];
      for (let i = 0; i + 1 < letters.length; i++) out.push(letters[i]! + letters[i + 1]!);
      return out;
    });
  }
  const words = wordsOf();
  const lengths = words.map((ws) => ws.map(codePoints));
  const sorted = lengths.flat().sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  return words.map((ws, i) =>
    ws
      .filter((w, j) => DIGIT.test(w) || lengths[i]![j]! > median)
      .map((w) => headOf(w, CONTENT.prefix)),
  );
}

/** Share of `keys` found in `other` (0 when there are none). */
function shareIn(keys: readonly string[], other: ReadonlySet<string>): number {
  if (keys.length === 0) return 0;
  let hit = 0;
  for (const k of keys) if (other.has(k)) hit++;
  return hit / keys.length;
}

/** Share of the sentences (with CONTENT.minPerSentence content tokens at least) mostly from `other`. */
function contentSentences(
  bySentence: readonly (readonly string[])[],
  other: ReadonlySet<string>,
): number {
  const counted = bySentence.filter((k) => k.length >= CONTENT.minPerSentence);
  if (counted.length === 0) return 0;
  return counted.filter((k) => shareIn(k, other) >= CONTENT.mostly).length / counted.length;
}

/**
 * Sentence pairing, two shares of the copy's sentences (those with
 * CONTENT.minPerSentence content tokens at least):
 * - paired: the sentences in the longest chain of sentence pairs rising in
 *   both texts (of the longest, the one sharing the most anchors), where a
 *   pair shares at least PAIRED.anchors rare content tokens (tokens in at
 *   most PAIRED.rareIn sentences of each text: the facts a sentence
 *   carries, its names and numbers, not the story's recurring names) and
 *   neither sentence has more than PAIRED.ratio times the other's content
 *   tokens. What a rewrite keeps sentence by sentence however it rewords
 *   (a spinner's synonyms, a paraphrase, a translation's respelt words),
 *   and a copy spliced from another article on the same facts does not
 *   keep in order.
 * - followed: of those, the ones whose tokens keep the order of their
 *   source sentence for at least PAIRED.followed of the shorter one (a
 *   longest common subsequence): a spinner's one-for-one swaps and light
 *   edits keep it, a sentence whose words were shuffled does not.
 * Defined on content tokens and word (or, without spaces, letter) codes,
 * so the same for every script. Fixed by design, not fitted (the
 * derivation features' sentence pairing, derivation-features.ts
 * sentenceSkeleton, reads two shared rare words too).
 */
const PAIRED = { anchors: 2, rareIn: 2, ratio: 2, followed: 0.5, maxPairs: 3000 } as const;

function sentencesPaired(
  copy: readonly (readonly string[])[],
  source: readonly (readonly string[])[],
  copyTokens: readonly Int32Array[],
  sourceTokens: readonly Int32Array[],
): { readonly paired: number; readonly followed: number } {
  const counted = copy.filter((k) => k.length >= CONTENT.minPerSentence).length;
  if (counted === 0) return { paired: 0, followed: 0 };
  const where = (bySentence: readonly (readonly string[])[]) => {
    const m = new Map<string, number[]>();
    bySentence.forEach((keys, i) => {
      for (const k of new Set(keys)) {
        const list = m.get(k);
        if (list === undefined) m.set(k, [i]);
        else list.push(i);
      }
    });
    return m;
  };
  const inSource = where(source);
  const shared = new Map<number, number>();
  for (const [k, ic] of where(copy)) {
    const is = inSource.get(k);
    if (is === undefined || ic.length > PAIRED.rareIn || is.length > PAIRED.rareIn) continue;
    for (const i of ic)
      for (const j of is) {
        const key = i * source.length + j;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  // The longest chain of pairs rising in both texts, and of those the one
  // sharing the most anchors (a pair on two stray names loses to the true
  // counterpart): a dynamic programme over the pairs in copy order.
  const pairs: [number, number, number][] = [];
  for (const [key, n] of shared) {
    if (n < PAIRED.anchors) continue;
    const i = Math.floor(key / source.length);
    const j = key % source.length;
    const [a, b] = [copy[i]!.length, source[j]!.length];
    if (Math.min(a, b) * PAIRED.ratio >= Math.max(a, b)) pairs.push([i, j, n]);
  }
  // The programme is quadratic in the pairs: past PAIRED.maxPairs (texts of
  // thousands of sentences) the pairs sharing the most anchors are kept.
  if (pairs.length > PAIRED.maxPairs) {
    pairs.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
    pairs.length = PAIRED.maxPairs;
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const length = new Int32Array(pairs.length);
  const anchors = new Float64Array(pairs.length);
  const before = new Int32Array(pairs.length).fill(-1);
  let last = -1;
  pairs.forEach(([i, j, n], k) => {
    length[k] = 1;
    anchors[k] = n;
    for (let m = 0; m < k; m++) {
      const [im, jm] = pairs[m]!;
      if (im >= i || jm >= j) continue;
      const l = length[m]! + 1;
      const s = anchors[m]! + n;
      if (l > length[k]! || (l === length[k]! && s > anchors[k]!)) {
        length[k] = l;
        anchors[k] = s;
        before[k] = m;
      }
    }
    if (
      last < 0 ||
      length[k]! > length[last]! ||
      (length[k] === length[last] && anchors[k]! > anchors[last]!)
    )
      last = k;
  });
  const chain = last < 0 ? 0 : length[last]!;
  let followed = 0;
  for (let k = last; k >= 0; k = before[k]!) {
    const [i, j] = pairs[k]!;
    const a = copyTokens[i]!;
    const b = sourceTokens[j]!;
    if (a.length > 0 && lcsLength(a, b) >= PAIRED.followed * Math.min(a.length, b.length))
      followed++;
  }
  return {
    paired: Math.min(1, chain / counted),
    followed: Math.min(1, followed / counted),
  };
}

/** One side's text, its tokens, seeds and sentences computed once per mode. */
interface TextView {
  readonly joined: string;
  readonly mode: Mode;
  codes(mode: Mode): Int32Array;
  seeds(mode: Mode): SeedIndex;
  sentences(mode: Mode): readonly Int32Array[];
  /** Content keys of the whole text and of each sentence (contentKeys). */
  content(mode: Mode): {
    readonly all: readonly string[];
    readonly bySentence: readonly (readonly string[])[];
  };
}

/**
 * Texts measured more than once, kept tokenised: a report measures one story
 * against each of its copies, and tokenising and splitting it again for each
 * was most of the cost. Views are kept per paragraphs array (and language)
 * until `release`d. A plain map the caller empties, not a WeakMap: V8 clears
 * a WeakMap's entries only in a full collection, so every view of a
 * 20 000-page content farm was promoted and held until the run's end.
 */
export class ExtentCache {
  readonly #views = new Map<readonly string[], Map<string, TextView>>();

  /** The view of `paragraphs` in `language`, made on first use. */
  view(paragraphs: readonly string[], language: string | null | undefined): TextView {
    let byLang = this.#views.get(paragraphs);
    if (!byLang) this.#views.set(paragraphs, (byLang = new Map()));
    const key = language ?? '';
    let v = byLang.get(key);
    if (!v) byLang.set(key, (v = textOf(paragraphs, language)));
    return v;
  }

  /** Forgets the views of `paragraphs` (after its last relation). */
  release(paragraphs: readonly string[]): void {
    this.#views.delete(paragraphs);
  }
}

function textOf(paragraphs: readonly string[], language: string | null | undefined): TextView {
  const joined = paragraphs.join('\n');
  const memo = <T>(make: (m: Mode) => T) => {
    const done = new Map<Mode, T>();
    return (m: Mode): T => {
      let v = done.get(m);
      if (v === undefined) done.set(m, (v = make(m)));
      return v;
    };
  };
  const codes = memo((m) => tokenCodes(joined, m));
  // Each sentence split and tokenised once, for its codes and its content keys.
  let split: string[] | undefined;
  const sentenceTexts = () =>
    (split ??= paragraphs.flatMap((para) =>
      splitSentences(para, { language: language ?? null }).map((s) => s.text),
    ));
  let norms: string[][] | undefined;
  const sentenceWords = () =>
    (norms ??= sentenceTexts().map((t) => tokenize(t).map((w) => w.norm)));
  const made: TextView = {
    joined,
    mode: modeOf(joined),
    codes,
    seeds: memo((m) => buildSeedIndex(codes(m), EXTENT[m].n)),
    sentences: memo((m) =>
      m === 'words'
        ? sentenceWords().map((ws) => Int32Array.from(ws, wordCode))
        : sentenceTexts().map((t) => tokenCodes(t, m)),
    ),
    content: memo((m) => {
      const bySentence = contentKeys(sentenceTexts(), m, sentenceWords);
      return { all: bySentence.flat(), bySentence };
    }),
  };
  return made;
}

const inputRule = shape(
  { parent: rules.stringArray, child: rules.stringArray },
  'an extent input { parent: string[], child: string[], language? }',
);

/**
 * The reuse measures of a copy (child) against its source (parent):
 * - copyReused / sourceReused: share of the child's / parent's tokens inside reused passages;
 * - copySentencesReused / sourceSentencesReused: share of the child's / parent's sentences with
 *   an exact or near-exact counterpart in the other text;
 * - longestRun: the longest passage over the child's length;
 * - orderAgreement: share of the reused text that keeps the source's order;
 * - newWords: share of the child's tokens the parent never uses;
 * - sourceSpanReused: share of the parent's stretch the child draws on (first to last reused
 *   token) that stands in reused passages;
 * - contentReused / sourceContentReused: share of the child's / parent's content tokens (CONTENT:
 *   numbers, long words, by prefix) found in the other text, whatever the phrasing around them;
 * - contentSentencesReused: share of the child's sentences whose content tokens are mostly in the
 *   parent (a sentence spliced in from another article fails it, a rewritten one passes);
 * - copySentencesPaired: share of the child's sentences paired in order with a parent sentence
 *   on rare content tokens they share (sentencesPaired: a rewrite's sentences, however reworded);
 * - copySentencesFollowed: share of the child's sentences so paired that keep at least half of
 *   their parent sentence's word order (a spinner's swaps do, shuffled words do not).
 * With a `cache`, each text's tokens are kept there for its next relation.
 * @throws CoreError INVALID_ARGUMENT when `input` lacks the two lists of paragraphs.
 */
export function extentMeasures(input: ExtentInput, cache?: ExtentCache): ExtentMeasures {
  expectArg(input, 'extentMeasures: input', inputRule);
  const view = (p: readonly string[]) =>
    cache ? cache.view(p, input.language) : textOf(p, input.language);
  const parent = view(input.parent);
  const child = view(input.child);
  const mode: Mode =
    parent.mode === 'chars' || child.mode === 'chars'
      ? modeOf(`${child.joined}\n${parent.joined}`)
      : 'words';
  const params = EXTENT[mode];
  const p = parent.codes(mode);
  const c = child.codes(mode);
  const found = findPassages(parent.seeds(mode), child.seeds(mode), params);
  const sentencesOf = (t: TextView) => t.sentences(mode);
  const n = params.sentenceGram;
  const parentWords = new Set(p);
  let fresh = 0;
  for (const t of c) if (!parentWords.has(t)) fresh++;
  const pc = parent.content(mode);
  const cc = child.content(mode);
  const parentKeys = new Set(pc.all);
  const paired = sentencesPaired(
    cc.bySentence,
    pc.bySentence,
    child.sentences(mode),
    parent.sentences(mode),
  );
  return {
    copyReused: found.coverY,
    sourceReused: found.coverX,
    copySentencesReused: sentencesReused(sentencesOf(child), gramSet(p, n), n),
    sourceSentencesReused: sentencesReused(sentencesOf(parent), gramSet(c, n), n),
    longestRun: c.length ? Math.min(1, found.longest / c.length) : 0,
    orderAgreement: orderAgreement(found.passages),
    newWords: c.length ? fresh / c.length : 0,
    sourceSpanReused: spanShare(found.passages, found.inX),
    contentReused: shareIn(cc.all, parentKeys),
    contentSentencesReused: contentSentences(cc.bySentence, parentKeys),
    sourceContentReused: shareIn(pc.all, new Set(cc.all)),
    copySentencesPaired: paired.paired,
    copySentencesFollowed: paired.followed,
  };
}

/**
 * Share of the parent's tokens inside passages between the first and the
 * last token the child reuses: how densely the copy takes the stretch of
 * the source it draws on. A copy that runs only the top of its source (as
 * newspapers run agency copy) takes its stretch whole; one that keeps some
 * sentences and rewrites or drops the others between them does not.
 */
function spanShare(passages: readonly Passage[], inX: Uint8Array): number {
  if (passages.length === 0) return 0;
  const from = Math.min(...passages.map((q) => q.x0));
  const to = Math.max(...passages.map((q) => q.x1));
  let inside = 0;
  for (let i = from; i < to; i++) inside += inX[i]!;
  return to > from ? inside / (to - from) : 0;
}

/** Where the shipped extent weights are, from src/classify or dist/classify alike. */
export function defaultExtentModelPath(): string {
  return fileURLToPath(new URL('../../models/extent-lr.json', import.meta.url));
}

/** A fitted logistic model over named measures (the paraphrase model's shape). */
export type ExtentModel = ParaphraseModel;

/**
 * Reads (once per path and process) and checks an extent weights file.
 * @throws CoreError MODEL_LOAD_FAILED when it is missing or malformed; INVALID_ARGUMENT when `file` is not a string.
 */
export function loadExtentModel(file = defaultExtentModelPath()): ExtentModel {
  expectString(file, 'loadExtentModel: file');
  return loadParaphraseModel(file);
}

/** P(wholly derived) from which the verdict says "wholly": even odds of a calibrated probability. */
export const EXTENT_CUT = 0.5;

/**
 * P(wholly derived) of a derived copy, and the verdict at EXTENT_CUT.
 * @throws CoreError MODEL_LOAD_FAILED when the model names a measure not computed here;
 *   INVALID_ARGUMENT when `model` is not a model or `measures` not an object.
 */
export function extentVerdict(
  model: ExtentModel,
  measures: ExtentMeasures,
): { readonly extent: Extent; readonly pWholly: number } {
  const pWholly = logisticProbability(model, measures, 'extentVerdict');
  return { extent: pWholly >= EXTENT_CUT ? 'wholly' : 'partially', pWholly };
}
