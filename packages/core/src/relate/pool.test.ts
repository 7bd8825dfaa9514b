import { describe, expect, it } from 'vitest';
import { byComponent } from './pool.js';

describe('byComponent', () => {
  it('puts the pairs of one connected group of stories together, each pair once', () => {
    const pairs = [
      ['a', 'b'],
      ['x', 'y'],
      ['b', 'c'],
      ['p', 'q'],
      ['y', 'z'],
      ['c', 'a'],
    ] as const;
    const order = byComponent(pairs);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // {a, b, c} first (its first pair comes first), then {x, y, z}, then {p, q}.
    expect(order).toEqual([0, 2, 5, 1, 4, 3]);
  });

  it('joins groups that a later pair links, and keeps each group in its pairs order', () => {
    const pairs = [
      ['a', 'b'],
      ['c', 'd'],
      ['b', 'c'],
      ['e', 'f'],
    ] as const;
    expect(byComponent(pairs)).toEqual([0, 1, 2, 3]);
    expect(byComponent([])).toEqual([]);
  });
});
