import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAIR_FEATURE_NAMES, paraphraseProbability, type PairFeatures } from '@stemma/core';
import { fitLogistic, modelNumbers } from './fit-logistic.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const zeros = Object.fromEntries(PAIR_FEATURE_NAMES.map((n) => [n, 0])) as PairFeatures;

describe('fitLogistic', () => {
  // Label = 1 when x0 − x1 > 0; x2 is noise.
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const rows = Array.from({ length: 200 }, () => [rnd(), rnd(), rnd()]);
  const labels = rows.map((r) => (r[0]! - r[1]! > 0 ? 1 : 0) as 0 | 1);
  const names = ['a', 'b', 'noise'];

  it('learns a separable rule: right sign on the signals, accurate on its data', () => {
    const m = fitLogistic(names, rows, labels, { steps: 300 });
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(m.weights[1]).toBeLessThan(-1);
    expect(Math.abs(m.weights[2]!)).toBeLessThan(Math.abs(m.weights[0]!) / 3);
    const model = { ...m, header: {} };
    const right = rows.filter((r, i) => {
      const f = {
        ...zeros,
        ...Object.fromEntries(names.map((n, j) => [n, r[j]!])),
      } as PairFeatures;
      return (paraphraseProbability(model, f) >= 0.5 ? 1 : 0) === labels[i];
    }).length;
    expect(right / rows.length).toBeGreaterThan(0.95);
  });

  it('keeps every weight at or above 0 when asked (a monotone model)', () => {
    const m = fitLogistic(names, rows, labels, { steps: 300, nonNegative: true });
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(m.weights[1]).toBe(0);
    for (const w of m.weights) expect(w).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic: the same rows give the same weights', () => {
    expect(fitLogistic(names, rows, labels, { steps: 100 })).toEqual(
      fitLogistic(names, rows, labels, { steps: 100 }),
    );
  });

  it('weighs rows: equal weights change nothing, heavier positives raise the bias', () => {
    const plain = fitLogistic(names, rows, labels, { steps: 100 });
    const equal = fitLogistic(names, rows, labels, { steps: 100, rowWeights: rows.map(() => 3) });
    equal.weights.forEach((w, j) => expect(w).toBeCloseTo(plain.weights[j]!, 4));
    const heavy = fitLogistic(names, rows, labels, {
      steps: 100,
      rowWeights: labels.map((l) => (l === 1 ? 5 : 1)),
    });
    expect(heavy.bias).toBeGreaterThan(plain.bias + 0.5);
    expect(() => fitLogistic(names, rows, labels, { rowWeights: [1] })).toThrow(/weight/);
  });

  it('refuses rows of the wrong width', () => {
    expect(() => fitLogistic(names, [[1, 2]], [1])).toThrow(/one value per feature/);
  });
});

describe('modelNumbers', () => {
  it('writes the numbers as the model files keep them: 8 significant digits, in file order', () => {
    const out = modelNumbers({
      features: ['a', 'b'],
      mean: [1 / 3, 2],
      std: [1, 0.123456789012],
      weights: [-2 / 3, 10],
      bias: Math.PI,
    });
    expect(Object.keys(out)).toEqual(['features', 'mean', 'std', 'weights', 'bias']);
    expect(out).toEqual({
      features: ['a', 'b'],
      mean: [0.33333333, 2],
      std: [1, 0.12345679],
      weights: [-0.66666667, 10],
      bias: 3.1415927,
    });
  });
});
