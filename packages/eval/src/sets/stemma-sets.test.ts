import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stemmaScores } from '../metrics.js';
import { readStemma, witnessParagraphs } from './florilegium-stemma.js';
import { witnessOf } from './stemma-view.js';

const tsv = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/eval/florilegium-stemma/true_stemma_edges.tsv',
);

describe('stemmaScores', () => {
  // r (lost) → L (lost) → {a, b}; r → c
  const truth = new Map<string, string | null>([
    ['r', null],
    ['L', 'r'],
    ['a', 'L'],
    ['b', 'L'],
    ['c', 'r'],
  ]);
  const observed = new Set(['a', 'b', 'c']);

  it('scores the truth against itself as perfect', () => {
    const s = stemmaScores({ truth, predicted: truth, observed });
    expect(s.resolvedTriplets).toBe(1);
    expect(s.resolvedTripletAgreement).toBe(1);
    expect(s.trueLost).toBe(1);
    expect(s.lostRecall).toBe(1);
    expect(s.lostPrecision).toBe(1);
    expect(s.trueAncestorPairs).toBe(0);
    expect(stemmaScores({ truth, predicted: truth, observed, includeRoot: true }).trueLost).toBe(2);
  });

  it('scores a chain through the witnesses: wrong ancestry, no lost node', () => {
    const chain = new Map<string, string | null>([
      ['c', null],
      ['a', 'c'],
      ['b', 'a'],
    ]);
    const s = stemmaScores({ truth, predicted: chain, observed });
    expect(s.predictedAncestorPairs).toBe(3);
    expect(s.ancestryPrecision).toBe(0);
    // ab|c holds in the chain too: lca(a, b) = a lies below c.
    expect(s.resolvedTripletAgreement).toBe(1);
    expect(s.lostFound).toBe(0);
    expect(s.predictedLost).toBe(0);
  });

  it('counts a star as leaving the triplet unresolved', () => {
    const star = new Map<string, string | null>([
      ['hidden:1', null],
      ['a', 'hidden:1'],
      ['b', 'hidden:1'],
      ['c', 'hidden:1'],
    ]);
    const s = stemmaScores({ truth, predicted: star, observed });
    expect(s.leftUnresolved).toBe(1);
    expect(s.predictedLost).toBe(1);
    // Its cluster {a, b, c} is the true root's.
    expect(s.lostPrecision).toBe(1);
  });
});

describe('florilegium-stemma helpers', () => {
  it('joins short heading lines to the passage after them', () => {
    expect(
      witnessParagraphs(
        'Μαξίμου\nἩ περὶ τῆς τοῦ πνεύματος\n\nΝείλου μοναχοῦ\nὌψις γυναικὸς βέλος ἐστὶ\n',
      ),
    ).toEqual(['Μαξίμου Ἡ περὶ τῆς τοῦ πνεύματος', 'Νείλου μοναχοῦ Ὄψις γυναικὸς βέλος ἐστὶ']);
  });

  it('maps story ids to witnesses', () => {
    expect(witnessOf('A#1')).toBe('A');
    expect(witnessOf('hidden:3')).toBe('hidden:3');
  });

  it.skipIf(!fs.existsSync(tsv))('reads the stemma with the counts its README gives', () => {
    const { truth, extant } = readStemma(fs.readFileSync(tsv, 'utf8'));
    expect(extant.size).toBe(13);
    expect(truth.size).toBe(21);
    const s = stemmaScores({ truth, predicted: truth, observed: extant });
    expect(s.trueAncestorPairs).toBe(2);
    expect(s.resolvedTriplets).toBe(272);
    expect(s.trueLost).toBe(7);
    expect(s.lostRecall).toBe(1);
  });
});
