/** Test helpers for the ANN tests: seeded random unit vectors. */

import { seededOpenUnit } from '../../src/util/random.js';

export function randomUnitRows(n: number, d: number, seed = 1): Float32Array {
  const next = seededOpenUnit(seed);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) {
      const g = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
      out[i * d + j] = g;
      sq += g * g;
    }
    const len = Math.sqrt(sq);
    for (let j = 0; j < d; j++) out[i * d + j] = (out[i * d + j] as number) / len;
  }
  return out;
}

/** A unit vector close to `base` (cosine ≈ 1 − noise²/2). */
export function nearCopy(base: Float32Array, noise: number, seed: number): Float32Array {
  const r = randomUnitRows(1, base.length, seed);
  const v = base.map((x, i) => x + noise * (r[i] as number));
  const len = Math.hypot(...v);
  return v.map((x) => x / len);
}
