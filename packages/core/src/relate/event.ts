/**
 * Same event or not. Two independent reports of one event share its specific
 * words — names, places, numbers, the rare nouns of the story — while stories
 * of the same beat share only common ones. So the test is an IDF-weighted
 * Jaccard overlap of the stories' content words, with document frequencies
 * from the corpus itself (works in any language the function-word lists
 * know). Candidate pairs for it come from an HNSW index over hashed IDF
 * vectors of the stories, so no pair is compared unless it is near; past
 * {@link SPARSE_ABOVE} stories (a dense index of that many 2,048-dimension
 * vectors costs most of a minute and a gigabyte) from an inverted index of
 * the stories' rarer words instead.
 */

import { neighbourIndex } from '../ann/index.js';
import { isRareWord } from '../text/rare-words.js';
import { fnv1a } from '../util/random.js';

/**
 * Stories beyond which candidates come from the inverted index of rare words
 * (corpora up to this size keep the dense index and its exact results).
 */
export const SPARSE_ABOVE = 4096;

/** Content words of one story. */
export interface EventStory {
  readonly id: string;
  readonly words: ReadonlySet<string>;
}

export interface EventIndexOptions {
  /**
   * A word's frequency rank in a general corpus (the encoder's vocabulary,
   * 0 = most common), so the rare words two stories share are rare in
   * general and not only in this corpus. Without it, the corpus alone says.
   */
  readonly generalRank?: (word: string) => number | undefined;
}

/** Inverse document frequencies of the corpus's content words. */
export class EventIndex {
  private readonly idf = new Map<string, number>();
  private readonly byId = new Map<string, ReadonlySet<string>>();
  private readonly df = new Map<string, number>();
  private readonly generalRank: ((word: string) => number | undefined) | undefined;
  private readonly size: number;
  constructor(stories: readonly EventStory[], options: EventIndexOptions = {}) {
    this.generalRank = options.generalRank;
    this.size = stories.length;
    const df = this.df;
    for (const s of stories) {
      this.byId.set(s.id, s.words);
      for (const w of s.words) df.set(w, (df.get(w) ?? 0) + 1);
    }
    // +1 smoothing keeps words found in every story of a tiny corpus from
    // weighing nothing at all.
    const n = stories.length;
    for (const [w, f] of df) this.idf.set(w, Math.log((n + 1) / f));
  }

  /**
   * IDF-weighted Jaccard overlap of two stories' content words, 0..1.
   * @throws RangeError for an unknown story.
   */
  overlap(a: string, b: string): number {
    const A = this.byId.get(a);
    const B = this.byId.get(b);
    if (!A || !B) throw new RangeError(`unknown story ${!A ? a : b}`);
    let shared = 0;
    let all = 0;
    for (const w of A) {
      const x = this.idf.get(w) ?? 0;
      all += x;
      if (B.has(w)) shared += x;
    }
    for (const w of B) if (!A.has(w)) all += this.idf.get(w) ?? 0;
    return all > 0 ? shared / all : 0;
  }

  /**
   * The rare words two stories share ({@link isRareWord}: rare in the general
   * corpus and in this one), rarest in general first (words the general
   * corpus does not know first of all), then rarest in this corpus.
   */
  sharedWords(a: string, b: string, limit = 6): string[] {
    const A = this.byId.get(a) ?? new Set<string>();
    const B = this.byId.get(b) ?? new Set<string>();
    const general = (w: string): number => this.generalRank?.(w) ?? Number.POSITIVE_INFINITY;
    return [...A]
      .filter(
        (w) =>
          B.has(w) &&
          isRareWord(w, {
            generalRank: this.generalRank,
            stories: this.size,
            df: this.df.get(w) ?? 0,
          }),
      )
      .sort(
        (x, y) =>
          (general(y) === general(x) ? 0 : general(y) > general(x) ? 1 : -1) ||
          (this.idf.get(y) ?? 0) - (this.idf.get(x) ?? 0) ||
          (x < y ? -1 : 1),
      )
      .slice(0, limit);
  }

  /**
   * Each story's nearest stories by hashed IDF vectors (cosine ≈ weighted
   * overlap): unordered pairs, each once. O(n·k·log n).
   */
  candidates(stories: readonly EventStory[], k = 40, dimensions = 2048): [string, string][] {
    if (stories.length < 2) return [];
    if (stories.length > SPARSE_ABOVE) return this.sparseCandidates(stories, k);
    const v = new Float32Array(stories.length * dimensions);
    stories.forEach((s, r) => {
      for (const w of s.words) {
        const h = fnv1a(w);
        v[r * dimensions + (h % dimensions)]! += (h & 0x10000 ? 1 : -1) * (this.idf.get(w) ?? 0);
      }
      let z = 0;
      for (let j = 0; j < dimensions; j++) z += v[r * dimensions + j]! ** 2;
      z = Math.sqrt(z) || 1;
      for (let j = 0; j < dimensions; j++) v[r * dimensions + j]! /= z;
    });
    const index = neighbourIndex(v, { dimensions });
    const kk = Math.min(k + 1, stories.length);
    const res = index.knn(v, { k: kk });
    const pairs = new PairList(stories);
    for (let r = 0; r < stories.length; r++) {
      for (let j = 0; j < kk; j++) {
        const o = res.neighbors[r * kk + j]!;
        if (o >= 0 && o !== r) pairs.add(r, o);
      }
    }
    return pairs.list;
  }

  /**
   * Each story's nearest stories by exact IDF cosine over the words the two
   * share, found through an inverted index of words in at most
   * max(64, √n) stories (a word on every page of a content farm finds no
   * event): unordered pairs, each once, in the order of the dense path.
   * O(n·√n) postings at most.
   */
  private sparseCandidates(stories: readonly EventStory[], k: number): [string, string][] {
    const n = stories.length;
    const maxDf = Math.max(64, Math.ceil(Math.sqrt(n)));
    const postings = new Map<string, number[]>();
    const norms = new Float64Array(n);
    stories.forEach((s, r) => {
      let z = 0;
      for (const w of s.words) {
        const x = this.idf.get(w) ?? 0;
        z += x * x;
        if ((this.df.get(w) ?? 0) > maxDf) continue;
        const list = postings.get(w);
        if (list) list.push(r);
        else postings.set(w, [r]);
      }
      norms[r] = Math.sqrt(z) || 1;
    });
    const pairs = new PairList(stories);
    const score = new Map<number, number>();
    for (let r = 0; r < n; r++) {
      score.clear();
      for (const w of stories[r]!.words) {
        const list = postings.get(w);
        if (!list) continue;
        const x = (this.idf.get(w) ?? 0) ** 2;
        for (const o of list) if (o !== r) score.set(o, (score.get(o) ?? 0) + x);
      }
      const near = [...score]
        .map(([o, dot]) => [o, dot / (norms[r]! * norms[o]!)] as const)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, k);
      for (const [o] of near) pairs.add(r, o);
    }
    return pairs.list;
  }
}

/** Unordered story pairs by row number, each kept once, in the order first met. */
class PairList {
  readonly list: [string, string][] = [];
  private readonly seen = new Set<string>();
  private readonly stories: readonly EventStory[];
  constructor(stories: readonly EventStory[]) {
    this.stories = stories;
  }

  add(r: number, o: number): void {
    const [x, y] = r < o ? [r, o] : [o, r];
    const key = `${x}:${y}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push([this.stories[x]!.id, this.stories[y]!.id]);
  }
}
