import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff.js';

describe('diffWords', () => {
  it('gives the change objects diffArrays gives, in order', () => {
    // A small alphabet makes ties between equally short edit scripts common:
    // the choice among them must be jsdiff's.
    const words = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'the', ''), { maxLength: 40 });
    fc.assert(
      fc.property(words, words, (x, y) => {
        expect(diffWords(x, y)).toEqual(diffArrays(x, y));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on near-copies with a cut passage and swapped words', () => {
    const text = Array.from({ length: 600 }, (_, i) => `w${(i * 7919) % 97}`);
    const cut = [...text.slice(0, 200), ...text.slice(320)];
    const swapped = text.map((w, i) => (i % 23 === 0 ? `x${i}` : w));
    for (const [x, y] of [
      [text, cut],
      [cut, text],
      [text, swapped],
      [swapped, cut],
      [[], text],
      [text, []],
      [[], []],
      [text, text],
    ] as const)
      expect(diffWords(x, y)).toEqual(diffArrays([...x], [...y]));
  });
});
