/**
 * Independent coverage between the lineage's trees: stories that report one
 * event without sharing text.
 */

import { RELATE, type NonDerivedPair } from '../relate/index.js';
import type { IndependentPair } from '../types.js';
import { pairKey } from '../util/pair-key.js';
import { INDEPENDENT } from './constants.js';

/**
 * Independent coverage: pairs that report one event (shared quotations, or
 * many shared names) without shared text, between different lineage trees.
 * One pair per pair of trees, the one sharing most.
 */
export function independentPairs(
  nonDerived: readonly NonDerivedPair[],
  treeOf: ReadonlyMap<string, string>,
  options: { readonly minEventOverlap?: number; readonly minNameOverlap?: number } = {},
): IndependentPair[] {
  const minOverlap = options.minEventOverlap ?? RELATE.eventOverlap;
  const minNames = options.minNameOverlap ?? INDEPENDENT.minNameOverlap;
  const best = new Map<string, { pair: NonDerivedPair; weight: number }>();
  for (const p of nonDerived) {
    const ta = treeOf.get(p.a) ?? p.a;
    const tb = treeOf.get(p.b) ?? p.b;
    if (ta === tb) continue;
    // In a small corpus rare words are hard to tell from common ones; names
    // (a fifth of the two stories' names shared) still tell.
    const sameEvent =
      p.sharedQuotes > 0 || p.eventOverlap >= minOverlap || p.nameOverlap >= minNames;
    if (!sameEvent) continue;
    const key = pairKey(ta, tb);
    // Between two trees, name the pair closest to their roots.
    const atRoot = (ta === p.a ? 1 : 0) + (tb === p.b ? 1 : 0);
    const weight = p.sharedQuotes * 2 + 10 * p.eventOverlap + atRoot;
    const cur = best.get(key);
    if (!cur || weight > cur.weight) best.set(key, { pair: p, weight });
  }
  return [...best.values()].map(({ pair: p }) => {
    const quotes = p.sharedQuotes
      ? `${p.sharedQuotes} shared quotation${p.sharedQuotes > 1 ? 's' : ''}, `
      : '';
    const names = p.namesRead
      ? `names shared: ${p.sharedNames.slice(0, 5).join(', ') || 'none'}`
      : 'no names read (a script without capitals)';
    return {
      a: p.a,
      b: p.b,
      reason: `same event (${quotes}${names}; rare words shared: ${p.sharedWords.join(', ') || 'none'}; overlap ${p.eventOverlap.toFixed(2)}) but no derived text: ${p.matches} similar sentence${p.matches === 1 ? '' : 's'}, at most ${Math.round(p.maxCoverage * 100)}% of either story`,
    };
  });
}
