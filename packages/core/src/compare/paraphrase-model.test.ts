import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../embed/backend.js';
import { tempDir } from '../../test/helpers/embed.js';
import { PAIR_FEATURE_NAMES, type PairFeatures } from './pair-features.js';
import {
  defaultModelPath,
  loadParaphraseModel,
  paraphraseProbability,
  parseParaphraseModel,
} from './paraphrase-model.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await initBackend('cpu');
});

const zeros = Object.fromEntries(PAIR_FEATURE_NAMES.map((n) => [n, 0])) as PairFeatures;

describe('the shipped weights', () => {
  it('load, name only known features, and say how they were made', () => {
    const m = loadParaphraseModel();
    expect(m.features).toEqual([...PAIR_FEATURE_NAMES]);
    expect(m.header['command']).toBe('npm run fit:paraphrase -w @stemma/eval');
    expect(String(m.header['trainingSet'])).toMatch(/pairs 1-2038/);
    expect(typeof m.header['seed']).toBe('number');
    const p = paraphraseProbability(m, zeros);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(loadParaphraseModel(defaultModelPath())).toBe(m);
  });

  it('rate an identical pair as a paraphrase and a disjoint one with different numbers as not', () => {
    const m = loadParaphraseModel();
    const same = { ...zeros };
    for (const n of [
      'semantic',
      'lexical',
      'contentDice',
      'containmentMin',
      'containmentMax',
      'stemDice',
      'bigramDice',
      'precision1',
      'precision2',
      'precision3',
      'precision4',
      'charDice',
      'idfOverlap',
      'lengthRatio',
      'wordOrder',
      'softAlignMean',
      'softAlignMin',
    ] as const)
      (same as Record<string, number>)[n] = 1;
    const apart = {
      ...zeros,
      lengthRatio: 0.5,
      numberMismatch: 1,
      hasNumbers: 1,
      nameMismatch: 1,
      unmatchedMax: 1,
      wordOrder: 1,
      softAlignMean: 0.2,
      softAlignMin: 0.1,
      semantic: 0.1,
    };
    expect(paraphraseProbability(m, same)).toBeGreaterThan(0.9);
    expect(paraphraseProbability(m, apart)).toBeLessThan(0.1);
  });
});

describe('parseParaphraseModel', () => {
  const good = {
    header: {},
    features: ['semantic'],
    mean: [0.5],
    std: [0.1],
    weights: [2],
    bias: -1,
  };
  it('computes σ(bias + w·(x − mean)/std)', () => {
    const m = parseParaphraseModel(good);
    expect(paraphraseProbability(m, { ...zeros, semantic: 0.6 })).toBeCloseTo(
      1 / (1 + Math.exp(-(-1 + 2))),
      9,
    );
  });
  it('refuses malformed files with MODEL_LOAD_FAILED', () => {
    for (const bad of [
      null,
      3,
      { ...good, mean: [] },
      { ...good, std: [0] },
      { ...good, bias: 'x' },
      { ...good, features: [1] },
      { ...good, weights: [NaN] },
    ])
      expect(() => parseParaphraseModel(bad)).toThrow(
        expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
      );
  });
  it('refuses a feature the pair does not have, and a missing file', () => {
    const m = parseParaphraseModel({ ...good, features: ['nonsense'] });
    expect(() => paraphraseProbability(m, zeros)).toThrow(/unknown feature/);
    expect(() => loadParaphraseModel(path.join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
    );
  });
});
