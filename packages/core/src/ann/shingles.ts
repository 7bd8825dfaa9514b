/**
 * A lexical candidate source that needs no encoder: stories that share runs
 * of words. A passage reused in a language the paragraph encoder does not
 * know has near-random vectors, so the HNSW index cannot find it; its words,
 * copied, still match. Shingles are word 5-grams, or character 8-grams in
 * scripts written without spaces, within one sentence; quotations are left
 * out (two outlets quote one statement without copying each other). An
 * inverted index maps each shingle to the stories holding it; shingles held
 * by more than `maxDocFrequency` stories (boilerplate, a much-quoted phrase)
 * are dropped, so the work is O(shingles × maxDocFrequency), never all
 * pairs. A pair counts when the two share a run of `minRun` shingles in a
 * row: a copied sentence shares one, while stock phrases ("told reporters
 * that the", "said in a statement on Monday") share only short runs.
 */

import { CoreError } from '../errors.js';
import { withoutQuotations } from '../text/quotes.js';
import { fnv1a } from '../util/random.js';

/** What the source reads of a story (an embedded story has this shape). */
export interface ShingleStory {
  /** Stories of one page (`docId`) never copy each other: they are never paired. */
  readonly story: { readonly id: string; readonly docId: string };
  /** The story's sentences in order: no shingle spans two. */
  readonly sentences: readonly { readonly text: string }[];
}

/** Two stories (a < b, by id) that share shingles. */
export interface SharedTextCandidate {
  readonly a: string;
  readonly b: string;
  /** Distinct shingles the two share (among those under the frequency cap). */
  readonly shared: number;
}

export interface ShingleOptions {
  /** Words per shingle; default 5. */
  readonly wordGram?: number;
  /** Characters per shingle in unspaced scripts; default 8. */
  readonly charGram?: number;
  /**
   * Shingles in a row in one story that the other holds too (each held by at
   * most `maxDocFrequency` stories);
   * default 8: a run of 12 words (of 15 characters unspaced) in one
   * sentence, a sentence of news prose. Chosen above the longest fixed
   * phrase of the benchmark corpus's sentence templates (9 words: 5
   * shingles), not fitted to an evaluation set.
   */
  readonly minRun?: number;
  /** Shingles held by more stories than this say nothing; default 32. */
  readonly maxDocFrequency?: number;
  /** Partners kept per story, most shared first; default 30. */
  readonly maxPartners?: number;
}

/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const QUOTE_MARKS = /["\u201C\u201D\u201E\u00AB\u00BB]/;

/** Mixes one more 32-bit value into a running 31-bit shingle hash. */
function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) >>> 1;
}

/** Marks where a run of shingles breaks (between pieces of text); no hash is negative. */
const BREAK = -1;

function grams(units: readonly number[], n: number, out: number[]): void {
  for (let i = 0; i + n <= units.length; i++) {
    let h = 0x811c9dc5 >>> 1;
    for (let j = i; j < i + n; j++) h = mix(h, units[j]!);
    out.push(h);
  }
  out.push(BREAK);
}

/**
 * Hashed shingles of a text in order (31-bit integers, a run broken by -1):
 * word n-grams, or character n-grams of its letters and digits when most of
 * its letters are of a script written without spaces. Text inside quotation
 * marks is left out, and no shingle spans a quotation.
 */
function shingleSequence(
  text: string,
  options: Pick<ShingleOptions, 'wordGram' | 'charGram'>,
  out: number[],
): void {
  const wordGram = options.wordGram ?? 5;
  const charGram = options.charGram ?? 8;
  for (const piece of withoutQuotations(text).split(QUOTE_MARKS)) {
    const letters = piece.replace(/[^\p{L}\p{N}]+/gu, '');
    if (!letters) continue;
    const unspaced = piece.match(UNSPACED)?.length ?? 0;
    if (2 * unspaced > letters.length) {
      grams(
        [...letters.toLowerCase()].map((c) => c.codePointAt(0)!),
        charGram,
        out,
      );
    } else {
      // Runs of letters and digits: copy and source split alike, and a
      // regular expression is far cheaper than the word segmenter here.
      const tokens = piece.toLowerCase().match(WORD) ?? [];
      grams(
        tokens.map((w) => fnv1a(w)),
        wordGram,
        out,
      );
    }
  }
}

/**
 * Hashed shingles of a text (31-bit integers, distinct): word n-grams, or
 * character n-grams of its letters and digits when most of its letters are
 * of a script written without spaces. Text inside quotation marks is left
 * out, and no shingle spans a quotation.
 * @throws never.
 */
export function textShingles(
  text: string,
  options: Pick<ShingleOptions, 'wordGram' | 'charGram'> = {},
): Set<number> {
  const seq: number[] = [];
  shingleSequence(text, options, seq);
  return new Set(seq.filter((h) => h !== BREAK));
}

/** The longest run of shingles in a row in `seq` that `other` holds too and `counts` accepts. */
function longestSharedRun(
  seq: readonly number[],
  other: ReadonlySet<number>,
  counts: (h: number) => boolean,
): number {
  let best = 0;
  let run = 0;
  for (const h of seq) {
    run = h !== BREAK && other.has(h) && counts(h) ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new CoreError('INVALID_OPTION', name, `must be a positive integer, got ${value}`);
  return value;
}

/**
 * Candidate story pairs from shared shingles: each story's partners are the
 * stories (of other pages) sharing a run of `minRun` of its shingles, at
 * most `maxPartners` of them, most shared first.
 * @returns pairs ordered by shared shingles, then ids.
 * @throws {CoreError} INVALID_OPTION when an option is not a positive integer.
 */
export function sharedTextCandidates(
  stories: readonly ShingleStory[],
  options: ShingleOptions = {},
): SharedTextCandidate[] {
  const minRun = positive('minRun', options.minRun ?? 8);
  const maxDf = positive('maxDocFrequency', options.maxDocFrequency ?? 32);
  const maxPartners = positive('maxPartners', options.maxPartners ?? 30);
  positive('wordGram', options.wordGram ?? 5);
  positive('charGram', options.charGram ?? 8);
  const n = stories.length;
  // Stories of one page are never paired: with one page there is nothing to
  // shingle for (one long page would cost seconds of hashing).
  if (new Set(stories.map((s) => s.story.docId)).size < 2) return [];

  // Each story's distinct shingles, and how many stories hold each.
  const df = new Map<number, number>();
  const seqs = stories.map((s) => {
    const seq: number[] = [];
    for (const x of s.sentences) shingleSequence(x.text, options, seq);
    return seq;
  });
  const sets = seqs.map((seq) => {
    const set = new Set(seq);
    set.delete(BREAK);
    for (const h of set) df.set(h, (df.get(h) ?? 0) + 1);
    return set;
  });

  // Postings of the shingles worth reading: held by 2..maxDf stories.
  const postings = new Map<number, number[]>();
  sets.forEach((set, i) => {
    for (const h of set) {
      const f = df.get(h)!;
      if (f < 2 || f > maxDf) continue;
      const list = postings.get(h);
      if (list) list.push(i);
      else postings.set(h, [i]);
    }
  });

  // Shared shingles per story pair i < j of different pages.
  const docOf = stories.map((s) => s.story.docId);
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      const i = list[x]!;
      for (let y = x + 1; y < list.length; y++) {
        const j = list[y]!;
        if (docOf[i] === docOf[j]) continue;
        const key = i * n + j;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }

  const pairs: { i: number; j: number; count: number }[] = [];
  const rare = (h: number) => df.get(h)! <= maxDf;
  for (const [key, count] of shared) {
    // A run of minRun needs that many shared shingles; the run itself is
    // checked only for pairs that have them.
    if (count < minRun) continue;
    const i = Math.floor(key / n);
    const j = key - i * n;
    if (longestSharedRun(seqs[i]!, sets[j]!, rare) >= minRun) pairs.push({ i, j, count });
  }
  pairs.sort((p, q) => q.count - p.count || p.i - q.i || p.j - q.j);
  // A pair stays when it is among the strongest of either story (as capPartners).
  const partners = new Int32Array(n);
  const out: SharedTextCandidate[] = [];
  for (const { i, j, count } of pairs) {
    if (partners[i]! >= maxPartners && partners[j]! >= maxPartners) continue;
    partners[i]! += 1;
    partners[j]! += 1;
    const [x, y] = [stories[i]!.story.id, stories[j]!.story.id];
    out.push(x < y ? { a: x, b: y, shared: count } : { a: y, b: x, shared: count });
  }
  return out;
}
