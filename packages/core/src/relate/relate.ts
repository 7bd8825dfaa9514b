/**
 * The relate stage: for each candidate story pair from the ANN index, align
 * the paragraphs, decide derived or independent, and weigh the direction.
 */

import { alignStories, type AlignOptions, type StoryView } from '../align/align.js';
import type { ParagraphFeatures } from '../align/features.js';
import { isDerived, orient, type ClassifyOptions } from '../classify/classify.js';
import { inferDirection, type StoryFacts } from '../lineage/direction.js';
import type { DerivedPair } from '../lineage/lineage.js';
import type { IndependentPair } from '../types.js';

/** One story with everything the relate stage needs. */
export interface RelateStory extends StoryView {
  readonly facts: StoryFacts;
  /** Proper nouns of the story (lower-cased), for the same-event test. */
  readonly names: ReadonlySet<string>;
}

export interface RelateInput {
  readonly stories: ReadonlyMap<string, RelateStory>;
  /** Unordered candidate pairs of story ids (from the ANN index). */
  readonly candidates: readonly (readonly [string, string])[];
  /** Frequency rank of a word (0 = most common), when the encoder knows it. */
  readonly rank?: (word: string) => number | undefined;
}

export interface RelateOptions extends AlignOptions, ClassifyOptions {
  /** Called after each candidate pair. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A candidate pair judged not derived, with what it shares. */
export interface NonDerivedPair {
  readonly a: string;
  readonly b: string;
  readonly sharedQuotes: number;
  readonly sharedNames: readonly string[];
  readonly nameOverlap: number;
  readonly maxCoverage: number;
  readonly matches: number;
}

export interface RelateResult {
  readonly derived: readonly DerivedPair[];
  readonly nonDerived: readonly NonDerivedPair[];
}

/** Which stories carry each quotation word for word: the witnesses of a reading. */
export class QuoteIndex {
  private readonly where = new Map<string, Set<string>>();
  constructor(stories: Iterable<RelateStory>) {
    for (const s of stories) {
      for (const p of s.paragraphs) {
        for (const q of p.quotations) {
          const set = this.where.get(q) ?? new Set<string>();
          set.add(s.id);
          this.where.set(q, set);
        }
      }
    }
  }
  /** How many stories other than `exclude` carry the quotation. */
  witnesses(quote: string, exclude: readonly string[]): number {
    const set = this.where.get(quote);
    if (!set) return 0;
    let n = set.size;
    for (const e of exclude) if (set.has(e)) n--;
    return n;
  }
}

function quotesOf(paragraphs: readonly ParagraphFeatures[], indices: Iterable<number>): Set<string> {
  const out = new Set<string>();
  for (const i of indices) for (const q of paragraphs[i]?.quotations ?? []) out.add(q);
  return out;
}

function allQuotes(s: RelateStory): Set<string> {
  return quotesOf(s.paragraphs, s.paragraphs.keys());
}

/**
 * Aligns and judges every candidate pair.
 * @throws RangeError when a candidate names an unknown story.
 */
export function relate(input: RelateInput, options: RelateOptions = {}): RelateResult {
  const quotes = new QuoteIndex(input.stories.values());
  const derived: DerivedPair[] = [];
  const nonDerived: NonDerivedPair[] = [];
  let done = 0;
  for (const [idA, idB] of input.candidates) {
    const a = input.stories.get(idA);
    const b = input.stories.get(idB);
    if (!a || !b) throw new RangeError(`candidate pair ${idA}/${idB} names an unknown story`);
    const al = alignStories(a, b, options);
    if (isDerived(al, a.paragraphs.length, b.paragraphs.length, options)) {
      const forward = orient(al, true, a.paragraphs, b.paragraphs);
      const backward = orient(al, false, a.paragraphs, b.paragraphs);
      const qa = quotesOf(a.paragraphs, al.matches.map((m) => m.a));
      const qb = quotesOf(b.paragraphs, al.matches.map((m) => m.b));
      const direction = inferDirection({
        a: a.facts,
        b: b.facts,
        alignment: al,
        substitutions: forward.profile.substitutions,
        quotesOnlyA: [...qa].filter((q) => !qb.has(q)),
        quotesOnlyB: [...qb].filter((q) => !qa.has(q)),
        quoteWitnesses: (q, ex) => quotes.witnesses(q, ex),
        ...(input.rank ? { rank: input.rank } : {}),
      });
      const meanScore = al.matches.reduce((s, m) => s + m.score, 0) / al.matches.length;
      const strength = Math.min(1, 0.5 * Math.max(al.coverageA, al.coverageB) + 0.5 * meanScore);
      derived.push({ a: idA, b: idB, strength, direction, forward, backward });
    } else {
      const qa = allQuotes(a);
      const qb = allQuotes(b);
      let shared = 0;
      for (const q of qa) if (qb.has(q)) shared++;
      const sharedNames = [...a.names].filter((n) => b.names.has(n));
      const union = new Set([...a.names, ...b.names]).size;
      nonDerived.push({
        a: idA,
        b: idB,
        sharedQuotes: shared,
        sharedNames,
        nameOverlap: union ? sharedNames.length / union : 0,
        maxCoverage: Math.max(al.coverageA, al.coverageB),
        matches: al.matches.length,
      });
    }
    options.onProgress?.(++done, input.candidates.length);
  }
  return { derived, nonDerived };
}

/**
 * Independent coverage: pairs that report one event (shared quotations, or
 * many shared names) without shared text, between different lineage trees.
 * One pair per pair of trees, the one sharing most.
 */
export function independentPairs(
  nonDerived: readonly NonDerivedPair[],
  treeOf: ReadonlyMap<string, string>,
  options: { readonly minNameOverlap?: number } = {},
): IndependentPair[] {
  const minNames = options.minNameOverlap ?? 0.2;
  const best = new Map<string, { pair: NonDerivedPair; weight: number }>();
  for (const p of nonDerived) {
    const ta = treeOf.get(p.a) ?? p.a;
    const tb = treeOf.get(p.b) ?? p.b;
    if (ta === tb) continue;
    const sameEvent = p.sharedQuotes > 0 || p.nameOverlap >= minNames;
    if (!sameEvent) continue;
    const key = ta < tb ? `${ta}\u0000${tb}` : `${tb}\u0000${ta}`;
    const weight = p.sharedQuotes * 2 + p.nameOverlap;
    const cur = best.get(key);
    if (!cur || weight > cur.weight) best.set(key, { pair: p, weight });
  }
  return [...best.values()].map(({ pair: p }) => {
    const names = p.sharedNames.slice(0, 5).join(', ');
    const quotes = p.sharedQuotes ? `${p.sharedQuotes} shared quotation${p.sharedQuotes > 1 ? 's' : ''}, ` : '';
    return {
      a: p.a,
      b: p.b,
      reason: `same event (${quotes}shared names: ${names}) but no derived text: ${p.matches} similar paragraph${p.matches === 1 ? '' : 's'}, at most ${Math.round(p.maxCoverage * 100)}% of either story`,
    };
  });
}
