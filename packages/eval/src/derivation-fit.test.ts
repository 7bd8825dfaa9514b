import { describe, expect, it } from 'vitest';
import { DERIVATION_FEATURE_NAMES, type DerivationFeatures } from '@stemma/core';
import {
  SAME_EVENT_GROUP,
  SYNTHETIC_DECOY_GROUP,
  type CandidateRow,
  type RowSource,
} from './derivation-data.js';
import { chooseCut, reliability, sourceWeights } from './derivation-fit.js';

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

describe('sourceWeights', () => {
  it('weighs SemEval same-event pairs as a stratum of their own', () => {
    const rows = [row('semeval'), row('semeval'), { ...row('semeval'), group: SAME_EVENT_GROUP }];
    const w = sourceWeights(rows);
    expect(w[0]! + w[1]!).toBeCloseTo(w[2]!);
  });

  it('weighs synthetic decoys against their own family as a stratum of their own', () => {
    const decoy = { ...row('synthetic'), group: SYNTHETIC_DECOY_GROUP };
    const rows = [row('synthetic'), row('synthetic'), row('synthetic'), decoy, row('clough')];
    const w = sourceWeights(rows);
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(w[3]!);
    expect(w[3]!).toBeCloseTo(w[4]!);
  });
});

describe('sourceWeights, classes', () => {
  it('splits a stratum evenly between its derived and not-derived pairs', () => {
    const rows = [row('reuse'), row('reuse'), row('reuse'), { ...row('reuse'), label: 1 as const }];
    const w = sourceWeights(rows);
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(w[3]!);
  });
});

describe('chooseCut', () => {
  const held = (p: number, label: 0 | 1, source: RowSource = 'reuse') => ({
    p,
    label,
    source,
    group: source,
  });
  it('puts the cut between the classes, nearest even odds on a tie', () => {
    expect(chooseCut([held(0.1, 0), held(0.9, 1)])).toBe(0.5);
    expect(chooseCut([held(0.1, 0), held(0.72, 0), held(0.9, 1)])).toBe(0.75);
  });
  it('weighs each stratum the same', () => {
    // One Clough negative at 0.6 outweighs two reuse positives at 0.6.
    const rows = [held(0.6, 1), held(0.6, 1), held(0.9, 1), held(0.6, 0, 'clough')];
    expect(chooseCut(rows)).toBe(0.65);
  });
});

describe('reliability', () => {
  it('bins the probabilities and weighs each bin’s gap by its share', () => {
    const rows = [
      { p: 0.05, label: 0 as const },
      { p: 0.05, label: 0 as const },
      { p: 0.95, label: 1 as const },
      { p: 0.95, label: 0 as const },
    ].map((r) => ({ ...r, source: 'reuse' as const, group: 'en' }));
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
