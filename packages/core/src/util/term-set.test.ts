import { describe, expect, it } from 'vitest';
import { bigramSet, hasTerm, sharedTerms, termHash, termSet, unionTerms } from './term-set.js';

/** The same questions asked of plain string sets. */
function shared(a: readonly string[], b: readonly string[]): number {
  const B = new Set(b);
  return [...new Set(a)].filter((x) => B.has(x)).length;
}

describe('term sets', () => {
  const a = 'the storm hit the coast and the storm moved north'.split(' ');
  const b = 'a storm moved north along the coast overnight'.split(' ');

  it('count distinct terms and shared terms as string sets do', () => {
    expect(termSet(a).length).toBe(new Set(a).size);
    expect(sharedTerms(termSet(a), termSet(b))).toBe(shared(a, b));
    const bi = (w: readonly string[]) => w.slice(1).map((x, i) => `${w[i]} ${x}`);
    expect(bigramSet(a).length).toBe(new Set(bi(a)).size);
    expect(sharedTerms(bigramSet(a), bigramSet(b))).toBe(shared(bi(a), bi(b)));
    expect(bigramSet(['alone']).length).toBe(0);
  });

  it('answer membership, and a union holds each term once', () => {
    const s = termSet(a);
    expect(a.every((w) => hasTerm(s, w))).toBe(true);
    expect(hasTerm(s, 'overnight')).toBe(false);
    const u = unionTerms([termSet(a), termSet(b), termSet([])]);
    expect(u.length).toBe(new Set([...a, ...b]).size);
    expect([...u]).toEqual([...u].sort((x, y) => x - y));
    expect(unionTerms([]).length).toBe(0);
  });

  it('hash 100,000 distinct words and 100,000 bigrams of them without a collision', () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}`);
    const bigrams = words.map((w, i) => `${w} ${words[(i * 7919) % words.length]}`);
    const hashes = new Set([...words, ...bigrams].map(termHash));
    expect(hashes.size).toBe(200_000);
    expect([...hashes].every((h) => Number.isSafeInteger(h) && h >= 0)).toBe(true);
  });
});
