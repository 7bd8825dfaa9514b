/**
 * The relation's paraphrase score: how likely the copy's aligned paragraphs
 * keep the meaning of the parent's, read by the fitted paraphrase model
 * (paraphrase-model.ts, weights in models/paraphrase-lr.json, fitted on the
 * first half of MSRP's training file; `npm run eval -- --only msrp` prints its
 * calibration on the second half). Each sentence of the copy's aligned
 * paragraphs gets P(same meaning) against its nearest sentence in the
 * aligned source paragraph, from the same pair features `comparePassages`
 * computes (the sentence vectors' cosine as the semantic feature, the IDF of
 * the distinct sentences compared); the relation's score is their mean weighted
 * by length, the expected share of the aligned text whose meaning the copy
 * keeps. It describes the copy, it decides nothing: no verdict reads it.
 */

import type { EmbeddedCorpus, EmbeddedStory } from '../embed/index.js';
import type { DerivedPair, RelateResult } from './types.js';
import type { OrientedPair } from '../classify/index.js';
import { rowDot } from '../util/vector.js';
import {
  DerivedViews,
  idfTable,
  loadParaphraseModel,
  pairFeatures,
  paraphraseProbability,
  sentenceView,
  type ParaphraseModel,
  type SentenceView,
} from '../compare/index.js';

/** How far the aligned text is reworded, the old `paraphrase` score: semantic × (1 − lexical). */
export function rewording(semantic: number, lexical: number): number {
  return semantic * (1 - lexical);
}

/**
 * The derived pairs with `scores.paraphrase` set to the mean P(same meaning)
 * of the child's sentences in aligned paragraphs, weighted by their words.
 * The model was fitted on sentence pairs, so it reads sentences: each
 * sentence of an aligned child paragraph is paired with the sentence of the
 * aligned parent paragraph nearest it (cosine of the sentence vectors), and
 * the pair's features (symmetric) give its probability. Pairs, kinds and
 * every other score are unchanged.
 * @param model the paraphrase model (the shipped weights by default)
 * @param scored which derived pairs to score (every one by default); the
 *   others keep the score they came with: for a caller that reads only some
 *   relations (a query reads its page's).
 */
export function scoreMeaning(
  related: RelateResult,
  embedded: EmbeddedCorpus,
  model: ParaphraseModel = loadParaphraseModel(),
  scored: (pair: DerivedPair) => boolean = () => true,
): RelateResult {
  if (!related.derived.some(scored)) return related;
  const d = embedded.dimensions;
  const stories = new Map<string, StorySentences>();
  for (const e of embedded.stories) {
    const byParagraph = new Map<number, number[]>();
    e.sentences.forEach((s, i) => {
      const list = byParagraph.get(s.paragraph) ?? [];
      list.push(i);
      byParagraph.set(s.paragraph, list);
    });
    stories.set(e.story.id, { embedded: e, byParagraph });
  }
  const textOf = (st: StorySentences, i: number): string => st.embedded.sentences[i]?.text ?? '';
  /** Each child sentence of an aligned paragraph with the nearest sentence of the parent's. */
  const compared = (o: OrientedPair): Compared[] => {
    const parent = stories.get(o.parent);
    const child = stories.get(o.child);
    if (!parent || !child) return [];
    const out: Compared[] = [];
    for (const m of o.alignment)
      for (const i of child.byParagraph.get(m.childParagraph) ?? []) {
        let best = -1;
        let bestCos = -Infinity;
        for (const j of parent.byParagraph.get(m.parentParagraph) ?? []) {
          const cos = rowDot(
            child.embedded.sentenceVectors,
            i,
            parent.embedded.sentenceVectors,
            j,
            d,
          );
          if (cos > bestCos) {
            bestCos = cos;
            best = j;
          }
        }
        if (best >= 0)
          out.push({ parent: textOf(parent, best), child: textOf(child, i), cos: bestCos });
      }
    return out;
  };
  const pairs = related.derived.map((pair) => ({
    pair,
    forward: compared(pair.forward),
    backward: compared(pair.backward),
  }));
  // One view per distinct sentence compared: news repeats itself verbatim,
  // and a sentence carried by many copies is read (and its n-grams built)
  // once. Only the sentences compared are read, as the fit read only the
  // sentences of its pairs, and their IDF is the batch's.
  const views = new Map<string, SentenceView>();
  const viewOf = (text: string): SentenceView => {
    let v = views.get(text);
    if (v === undefined) {
      v = sentenceView(text);
      views.set(text, v);
    }
    return v;
  };
  for (const { forward, backward } of pairs)
    for (const c of [...forward, ...backward]) {
      viewOf(c.parent);
      viewOf(c.child);
    }
  const idf = idfTable([...views.values()]);
  const vectors = (word: string) => embedded.encoder.wordVector?.(word);
  // P of a sentence pair by their texts (the features and the cosine are
  // symmetric, and a text has one vector in a run).
  const memo = new Map<string, number>();
  // A sentence's n-gram sets, kept while it is compared again (bounded).
  const derivedSets = new DerivedViews();
  const rescore = (o: OrientedPair, list: readonly Compared[]): OrientedPair => {
    let sum = 0;
    let weight = 0;
    for (const c of list) {
      const cv = viewOf(c.child);
      if (cv.words.length === 0) continue;
      const key =
        c.parent < c.child ? `${c.parent}\u0000${c.child}` : `${c.child}\u0000${c.parent}`;
      let p = memo.get(key);
      if (p === undefined) {
        p = paraphraseProbability(
          model,
          pairFeatures(viewOf(c.parent), cv, {
            semantic: Math.max(0, c.cos),
            idf,
            vectors,
            derived: derivedSets,
          }),
        );
        memo.set(key, p);
      }
      sum += cv.words.length * p;
      weight += cv.words.length;
    }
    const paraphrase = weight > 0 ? Math.round((sum / weight) * 1000) / 1000 : 0;
    return { ...o, scores: { ...o.scores, paraphrase } };
  };
  // Every pair's sentences count in the IDF above, so a pair scores the
  // same whichever others are scored.
  const derived: DerivedPair[] = pairs.map(({ pair, forward, backward }) =>
    !scored(pair)
      ? pair
      : {
          ...pair,
          forward: rescore(pair.forward, forward),
          backward: rescore(pair.backward, backward),
        },
  );
  return { ...related, derived };
}

/** A child sentence and the parent sentence nearest it, by text, with their cosine. */
interface Compared {
  readonly parent: string;
  readonly child: string;
  readonly cos: number;
}

/** One story's sentences by paragraph. */
interface StorySentences {
  readonly embedded: EmbeddedStory;
  readonly byParagraph: ReadonlyMap<number, readonly number[]>;
}
