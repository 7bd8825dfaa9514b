import { describe, expect, it } from 'vitest';
import { lcsLength } from './lcs.js';

describe('lcsLength', () => {
  it('is the longest common subsequence of words, codes or frames', () => {
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b'])).toBe(3);
    expect(lcsLength(Int32Array.of(5, 1, 2, 9, 3), Int32Array.of(1, 9, 3, 5))).toBe(3);
    expect(lcsLength(['x', 'y'], ['y', 'x'])).toBe(1);
  });

  it('is 0 when either side is empty or nothing is shared', () => {
    expect(lcsLength([], ['a'])).toBe(0);
    expect(lcsLength(['a'], [])).toBe(0);
    expect(lcsLength(['a', 'b'], ['c', 'd'])).toBe(0);
  });
});
