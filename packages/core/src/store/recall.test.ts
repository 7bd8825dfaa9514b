import { describe, expect, it } from 'vitest';
import { exactTopK, recallAtK } from './recall.js';

describe('recallAtK', () => {
  it('is the share of the k exact neighbours found', () => {
    expect(recallAtK([1, 0.9, 0.8], [1, 0.9, 0.8], 3)).toBe(1);
    expect(recallAtK([1, 0.9, 0.5], [1, 0.9, 0.8], 3)).toBeCloseTo(2 / 3);
    expect(recallAtK([], [1, 0.9], 2)).toBe(0);
  });

  it('counts a tie with the k-th neighbour as found', () => {
    expect(recallAtK([1, 0.7, 0.7], [1, 0.7, 0.7, 0.7], 3)).toBe(1);
  });

  it('looks at the first k found only, and asks for no more than there are', () => {
    expect(recallAtK([0.2, 0.9, 0.9], [0.9, 0.9], 1)).toBe(0);
    expect(recallAtK([0.9], [0.9], 10)).toBe(1);
    expect(recallAtK([], [], 10)).toBe(1);
  });

  it('throws on a k that is not a positive integer', () => {
    expect(() => recallAtK([], [], 0)).toThrow('recallAtK: k must be a positive integer');
  });
});

describe('exactTopK', () => {
  it('gives the k largest dot products, largest first', () => {
    const rows = Float32Array.from([1, 0, 0, 1, 0.6, 0.8, -1, 0]);
    const top = exactTopK(Float32Array.from([1, 0]), rows, 2, 3);
    expect(top.map((x) => Math.round(x * 100) / 100)).toEqual([1, 0.6, 0]);
    expect(exactTopK(Float32Array.from([1, 0]), rows, 2, 10)).toHaveLength(4);
  });

  it('agrees with sorting every similarity', () => {
    const d = 5;
    const rows = Float32Array.from({ length: 200 * d }, (_, i) => Math.sin(i * 1.7));
    const q = Float32Array.from({ length: d }, (_, i) => Math.cos(i));
    const all: number[] = [];
    for (let r = 0; r < 200; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += q[j]! * rows[r * d + j]!;
      all.push(s);
    }
    expect(exactTopK(q, rows, d, 10)).toEqual(all.sort((a, b) => b - a).slice(0, 10));
  });
});
