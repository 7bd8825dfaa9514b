import { describe, expect, it } from 'vitest';
import { DERIVATION_FEATURE_NAMES, type DerivationFeatures } from '@stemma/core';
import type { CandidateRow, RowSource } from './derivation-data.js';
import { reliability, sourceWeights } from './derivation-fit.js';

const features = Object.fromEntries(
  DERIVATION_FEATURE_NAMES.map((n) => [n, 0]),
) as DerivationFeatures;
const row = (source: RowSource): CandidateRow => ({
  source,
  group: source,
  item: null,
  label: 0,
  features,
  cascade: false,
});

describe('sourceWeights', () => {
  it('gives each source the same total weight', () => {
    const rows = [row('semeval'), row('semeval'), row('semeval'), row('clough')];
    const w = sourceWeights(rows);
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(w[3]!);
  });
});

describe('reliability', () => {
  it('bins the probabilities and weighs each bin’s gap by its share', () => {
    const rows = [
      { p: 0.05, label: 0 as const },
      { p: 0.05, label: 0 as const },
      { p: 0.95, label: 1 as const },
      { p: 0.95, label: 0 as const },
    ];
    const { table, ece } = reliability(rows);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ n: 2, observed: 0 });
    expect(table[9]).toMatchObject({ n: 2, observed: 0.5 });
    expect(ece).toBeCloseTo(0.5 * 0.05 + 0.5 * 0.45);
  });

  it('puts P = 1 in the last bin', () => {
    expect(reliability([{ p: 1, label: 1 }]).table[9]!.n).toBe(1);
  });
});
