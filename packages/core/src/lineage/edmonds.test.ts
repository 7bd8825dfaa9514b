import { describe, expect, it } from 'vitest';
import { maximumArborescence } from './edmonds.js';

function parents(
  n: number,
  root: number,
  edges: [number, number, number][],
): Record<number, number> {
  const es = edges.map(([from, to, weight]) => ({ from, to, weight }));
  const out: Record<number, number> = {};
  for (const [node, id] of maximumArborescence(n, root, es)) out[node] = es[id]!.from;
  return out;
}

describe('maximumArborescence', () => {
  it('picks the heaviest parent when there is no cycle', () => {
    expect(
      parents(4, 0, [
        [0, 1, 1],
        [0, 2, 1],
        [1, 2, 5],
        [1, 3, 2],
        [2, 3, 4],
        [0, 3, 0.1],
      ]),
    ).toEqual({ 1: 0, 2: 1, 3: 2 });
  });

  it('breaks a cycle at its cheapest entry (textbook example)', () => {
    // Root 0; 1<->2 form a cycle with heavy weights; entering via 0->1 costs least.
    const p = parents(3, 0, [
      [0, 1, 5],
      [0, 2, 1],
      [1, 2, 10],
      [2, 1, 10],
    ]);
    expect(p).toEqual({ 1: 0, 2: 1 });
  });

  it('handles a three-cycle and a node hanging off it', () => {
    const p = parents(5, 0, [
      [0, 1, 1],
      [0, 2, 1],
      [0, 3, 1],
      [0, 4, 1],
      [1, 2, 10],
      [2, 3, 10],
      [3, 1, 10],
      [3, 4, 7],
    ]);
    // Optimal: enter the cycle once, keep two cycle edges, 4 from 3.
    const total = Object.entries(p).length;
    expect(total).toBe(4);
    expect(p[4]).toBe(3);
    const rootChildren = Object.values(p).filter((x) => x === 0).length;
    expect(rootChildren).toBe(1);
  });

  it('matches brute force on random graphs', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(rnd() * 4);
      const edges: [number, number, number][] = [];
      for (let v = 1; v < n; v++) edges.push([0, v, rnd()]);
      for (let u = 1; u < n; u++)
        for (let v = 1; v < n; v++) if (u !== v && rnd() < 0.6) edges.push([u, v, rnd() * 3]);
      const got = parents(n, 0, edges);
      const weightOf = (p: Record<number, number>) =>
        Object.entries(p).reduce(
          (s, [v, u]) =>
            s + Math.max(...edges.filter((e) => e[0] === u && e[1] === Number(v)).map((e) => e[2])),
          0,
        );
      // Brute force over every parent assignment that forms a tree.
      let bestW = -Infinity;
      const assign = (v: number, cur: Record<number, number>) => {
        if (v === n) {
          for (let x = 1; x < n; x++) {
            let y = x;
            for (let k = 0; k < n && y !== 0; k++) y = cur[y]!;
            if (y !== 0) return;
          }
          bestW = Math.max(bestW, weightOf(cur));
          return;
        }
        for (const e of edges) if (e[1] === v) assign(v + 1, { ...cur, [v]: e[0] });
      };
      assign(1, {});
      expect(weightOf(got)).toBeCloseTo(bestW, 9);
    }
  });

  it('rejects an edge outside the node range', () => {
    expect(() => maximumArborescence(2, 0, [{ from: 0, to: 5, weight: 1 }])).toThrow(RangeError);
  });
});
