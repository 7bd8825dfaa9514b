import { beforeAll, describe, expect, it } from 'vitest';
import { applyCorrection, fitAllButTheTop } from './all-but-the-top.js';
import { initBackend } from './backend.js';
import type { GloveTable } from './glove-cache.js';

/** A table whose rows share one big offset plus a dominant direction, and differ otherwise. */
function table(n: number, d: number): GloveTable {
  const rows: Float32Array[] = [];
  let seed = 3;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  for (let r = 0; r < n; r++) {
    const v = new Float32Array(d).map(() => rnd());
    v[0]! += 5; // shared offset
    const t = rnd() * 8;
    v[1]! += t; // a dominant direction every word has a large share of
    rows.push(v);
  }
  return {
    count: n,
    dimensions: d,
    meanNorm: 1,
    rank: () => -1,
    word: () => '',
    readRow: (r, out, off) => out.set(rows[r]!, off),
  };
}

describe('all-but-the-top', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('finds the dominant direction and removes the mean and it', () => {
    const t = table(2000, 8);
    const c = fitAllButTheTop(t, { components: 1 });
    expect(c.mean[0]).toBeCloseTo(5, 0);
    expect(Math.abs(c.components[0]![1]!)).toBeGreaterThan(0.99);
    const m = new Float32Array(2000 * 8);
    for (let r = 0; r < 2000; r++) t.readRow(r, m, r * 8);
    applyCorrection(c, m, [...Array(2000).keys()], 8);
    let mean0 = 0;
    let along = 0;
    for (let r = 0; r < 2000; r++) {
      mean0 += m[r * 8]! / 2000;
      along = Math.max(along, Math.abs(m[r * 8 + 1]!));
    }
    expect(Math.abs(mean0)).toBeLessThan(1e-3);
    expect(along).toBeLessThan(0.2);
  });

  it('refuses as many components as dimensions', () => {
    expect(() => fitAllButTheTop(table(10, 4), { components: 4 })).toThrow(RangeError);
  });
});
