/**
 * A lexical candidate source that needs no encoder: stories that share runs
 * of words. A passage reused in a language the paragraph encoder does not
 * know has near-random vectors, so the HNSW index cannot find it; its words,
 * copied, still match. Shingles are word 5-grams, or character 8-grams in
 * scripts written without spaces; quotations are left out (two outlets quote
 * one statement without copying each other). An inverted index maps each
 * shingle to the stories holding it; shingles held by more than
 * `maxDocFrequency` stories (boilerplate, a much-quoted phrase) are dropped,
 * so the work is O(shingles × maxDocFrequency), never all pairs.
 */

import { CoreError } from '../errors.js';
import { withoutQuotations } from '../text/quotes.js';
import { foldWord, words } from '../text/tokenize.js';
import { fnv1a } from '../util/random.js';

/** What the source reads of a story. */
export interface ShingleStory {
  readonly id: string;
  /** Stories of one page never copy each other: they are never paired. */
  readonly docId: string;
  readonly paragraphs: readonly { readonly text: string }[];
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
  /** Shared shingles for a pair to count; default 3 (one copied run of seven words). */
  readonly minShared?: number;
  /** Shingles held by more stories than this say nothing; default 32. */
  readonly maxDocFrequency?: number;
  /** Partners kept per story, most shared first; default 30. */
  readonly maxPartners?: number;
}

/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/gu;
const QUOTE_MARKS = /["\u201C\u201D\u201E\u00AB\u00BB]/;

/** Mixes one more 32-bit value into a running 31-bit shingle hash. */
function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) >>> 1;
}

function grams(units: readonly number[], n: number, out: Set<number>): void {
  for (let i = 0; i + n <= units.length; i++) {
    let h = 0x811c9dc5 >>> 1;
    for (let j = i; j < i + n; j++) h = mix(h, units[j]!);
    out.add(h);
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
  const wordGram = options.wordGram ?? 5;
  const charGram = options.charGram ?? 8;
  const out = new Set<number>();
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
      grams(
        words(piece).map((w) => fnv1a(foldWord(w))),
        wordGram,
        out,
      );
    }
  }
  return out;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new CoreError('INVALID_OPTION', name, `must be a positive integer, got ${value}`);
  return value;
}

/**
 * Candidate story pairs from shared shingles: each story's partners are the
 * stories (of other pages) sharing at least `minShared` of its shingles, at
 * most `maxPartners` of them, most shared first.
 * @returns pairs ordered by shared shingles, then ids.
 * @throws {CoreError} INVALID_OPTION when an option is not a positive integer.
 */
export function sharedTextCandidates(
  stories: readonly ShingleStory[],
  options: ShingleOptions = {},
): SharedTextCandidate[] {
  const minShared = positive('minShared', options.minShared ?? 3);
  const maxDf = positive('maxDocFrequency', options.maxDocFrequency ?? 32);
  const maxPartners = positive('maxPartners', options.maxPartners ?? 30);
  positive('wordGram', options.wordGram ?? 5);
  positive('charGram', options.charGram ?? 8);
  const n = stories.length;

  // Each story's distinct shingles, and how many stories hold each.
  const df = new Map<number, number>();
  const sets = stories.map((s) => {
    const set = new Set<number>();
    for (const p of s.paragraphs) for (const h of textShingles(p.text, options)) set.add(h);
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
  const docOf = stories.map((s) => s.docId);
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
  for (const [key, count] of shared) {
    if (count < minShared) continue;
    const i = Math.floor(key / n);
    pairs.push({ i, j: key - i * n, count });
  }
  pairs.sort((p, q) => q.count - p.count || p.i - q.i || p.j - q.j);
  // A pair stays when it is among the strongest of either story (as capPartners).
  const partners = new Int32Array(n);
  const out: SharedTextCandidate[] = [];
  for (const { i, j, count } of pairs) {
    if (partners[i]! >= maxPartners && partners[j]! >= maxPartners) continue;
    partners[i]! += 1;
    partners[j]! += 1;
    const [a, b] = stories[i]!.id < stories[j]!.id ? [i, j] : [j, i];
    out.push({ a: stories[a]!.id, b: stories[b]!.id, shared: count });
  }
  return out;
}
