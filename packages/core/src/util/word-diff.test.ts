import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff.js';

/** What the callers read of a change list. */
const plain = (
  parts: readonly { count?: number; added?: boolean; removed?: boolean; value: string[] }[],
) => parts.map((p) => [p.count, p.added === true, p.removed === true, p.value]);

describe('diffWords', () => {
  it('gives what diffArrays gives, ties broken the same way', () => {
    // A small alphabet makes many equal-length edit scripts: the tie-breaking is what is tested.
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 3000; t++) {
      const alphabet = 1 + Math.floor(rnd() * 6);
      const word = () => `w${Math.floor(rnd() * alphabet)}`;
      const a = Array.from({ length: Math.floor(rnd() * 25) }, word);
      const b =
        rnd() < 0.5
          ? Array.from({ length: Math.floor(rnd() * 25) }, word)
          : a.filter(() => rnd() > 0.2).map((w) => (rnd() < 0.2 ? word() : w));
      expect(plain(diffWords(a, b))).toEqual(plain(diffArrays(a, b)));
    }
  });

  it('handles empty lists and identical ones', () => {
    expect(diffWords([], [])).toEqual([]);
    expect(plain(diffWords(['a'], []))).toEqual(plain(diffArrays(['a'], [])));
    expect(plain(diffWords([], ['a', 'b']))).toEqual(plain(diffArrays([], ['a', 'b'])));
    expect(plain(diffWords(['a', 'b'], ['a', 'b']))).toEqual(
      plain(diffArrays(['a', 'b'], ['a', 'b'])),
    );
  });
});
