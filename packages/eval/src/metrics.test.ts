import { describe, expect, it } from 'vitest';
import {
  HIDDEN,
  accuracy,
  classScores,
  classification,
  confusionMatrix,
  macroF1,
  parentMap,
  rootedTriplet,
  treeMetrics,
} from './metrics.js';

describe('classification metrics', () => {
  it('a known binary confusion matrix gives known scores', () => {
    // truth pos: 8 (6 right), truth neg: 12 (9 right)
    const truth = [...Array(8).fill('pos'), ...Array(12).fill('neg')] as string[];
    const pred = [
      ...Array(6).fill('pos'),
      'neg',
      'neg',
      ...Array(9).fill('neg'),
      'pos',
      'pos',
      'pos',
    ] as string[];
    const cm = confusionMatrix(truth, pred, ['pos', 'neg']);
    expect(cm.matrix).toEqual([
      [6, 2],
      [3, 9],
    ]);
    const [pos, neg] = classScores(cm);
    expect(pos!.precision).toBeCloseTo(6 / 9, 12);
    expect(pos!.recall).toBeCloseTo(6 / 8, 12);
    expect(pos!.f1).toBeCloseTo((2 * 6) / (2 * 6 + 2 + 3), 12);
    expect(neg!.precision).toBeCloseTo(9 / 11, 12);
    expect(neg!.recall).toBeCloseTo(9 / 12, 12);
    expect(accuracy(cm)).toBeCloseTo(15 / 20, 12);
    expect(macroF1([pos!, neg!])).toBeCloseTo((12 / 17 + 18 / 23) / 2, 12);
  });

  it('a three-class matrix: per-class F1 and macro-F1', () => {
    const res = classification(
      ['a', 'a', 'b', 'b', 'c', 'c'],
      ['a', 'b', 'b', 'b', 'a', 'c'],
      ['a', 'b', 'c'],
    );
    expect(res.confusion.matrix).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(res.classes.map((c) => c.f1)).toEqual([0.5, 0.8, 2 / 3]);
    expect(res.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    expect(res.accuracy).toBeCloseTo(4 / 6, 12);
  });

  it('predicted labels outside the classes get extra columns and count as wrong', () => {
    const res = classification(['x', 'y'], ['other', 'y'], ['x', 'y']);
    expect(res.confusion.columns).toEqual(['x', 'y', 'other']);
    expect(res.confusion.matrix).toEqual([
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(res.accuracy).toBe(0.5);
    expect(res.classes[0]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('separate column labels keep rows the truth', () => {
    const cm = confusionMatrix(
      ['same', 'diff'],
      ['independent', 'none'],
      ['same', 'diff'],
      ['independent', 'none'],
    );
    expect(cm.matrix).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('never-predicted classes score 0, classes without support are left out of macro-F1', () => {
    const res = classification(['a', 'a'], ['a', 'a'], ['a', 'b']);
    expect(res.classes[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(res.macroF1).toBe(1);
  });

  it('rejects mismatched lengths and unknown true labels', () => {
    expect(() => confusionMatrix(['a'], [], ['a'])).toThrow(RangeError);
    expect(() => confusionMatrix(['z'], ['a'], ['a'])).toThrow(RangeError);
  });
});

const tree = (edges: [string, string | null][]) => new Map<string, string | null>(edges);

describe('rootedTriplet', () => {
  it('a chain r→a→b: a and b are closer than r', () => {
    expect(
      rootedTriplet(
        tree([
          ['r', null],
          ['a', 'r'],
          ['b', 'a'],
        ]),
        'r',
        'a',
        'b',
      ),
    ).toBe('a,b|r');
  });
  it('a star is unresolved', () => {
    const star = tree([
      ['r', null],
      ['a', 'r'],
      ['b', 'r'],
      ['c', 'r'],
    ]);
    expect(rootedTriplet(star, 'a', 'b', 'c')).toBe('*');
    expect(rootedTriplet(star, 'r', 'a', 'b')).toBe('*');
  });
  it('a node in another tree is the outgroup', () => {
    expect(
      rootedTriplet(
        tree([
          ['a', null],
          ['b', 'a'],
          ['z', null],
        ]),
        'a',
        'b',
        'z',
      ),
    ).toBe('a,b|z');
  });
});

describe('treeMetrics', () => {
  // True: r → a → b, r → c.
  const truth = tree([
    ['r', null],
    ['a', 'r'],
    ['b', 'a'],
    ['c', 'r'],
  ]);

  it('a perfect prediction scores 1 everywhere', () => {
    const m = treeMetrics({ truth, predicted: truth });
    expect(m).toMatchObject({
      edgePrecision: 1,
      edgeRecall: 1,
      rootAccuracy: 1,
      tripletAgreement: 1,
      triplets: 4,
    });
  });

  it('one reversed edge and one misplaced child: known edge, root and triplet figures', () => {
    // Predicted: a → r (reversed), a → b, r → c.
    const predicted = tree([
      ['a', null],
      ['r', 'a'],
      ['b', 'a'],
      ['c', 'r'],
    ]);
    const m = treeMetrics({ truth, predicted });
    expect(m.edgePrecision).toBeCloseTo(2 / 3, 12);
    expect(m.edgeRecall).toBeCloseTo(2 / 3, 12);
    expect(m.linkPrecision).toBe(1);
    expect(m.directionAccuracy).toBeCloseTo(2 / 3, 12);
    expect(m.rootAccuracy).toBe(0);
    // Triplets of {r,a,b,c}: true rab: ab|r, rac: *, rbc: *, abc: ab|c.
    // Predicted (a root; r,b under a; c under r): rab: *, rac: rc|a, rbc: rc|b, abc: *.
    expect(m.triplets).toBe(4);
    expect(m.tripletAgreement).toBe(0);
  });

  it('no edges predicted: zero precision and recall, no root credit', () => {
    const predicted = tree([
      ['r', null],
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
    const m = treeMetrics({ truth, predicted });
    expect(m).toMatchObject({
      edgePrecision: 0,
      edgeRecall: 0,
      predictedEdges: 0,
      rootAccuracy: 0,
    });
  });

  it('a hidden parent is right exactly when the true parent is absent from the corpus', () => {
    // True: s (removed from the corpus) → x, s → y; r → z.
    const t = tree([
      ['s', null],
      ['x', 's'],
      ['y', 's'],
      ['r', null],
      ['z', 'r'],
    ]);
    const observed = new Set(['x', 'y', 'r', 'z']);
    const predicted = tree([
      ['hidden:1', null],
      ['x', 'hidden:1'],
      ['y', 'hidden:1'],
      ['hidden:2', null],
      ['r', 'hidden:2'],
      ['z', 'hidden:2'],
    ]);
    const m = treeMetrics({ truth: t, predicted, observed });
    // Scored true edges: (HIDDEN,x), (HIDDEN,y), (r,z); predicted: (HIDDEN,x), (HIDDEN,y), (HIDDEN,r), (HIDDEN,z).
    expect(m.trueEdges).toBe(3);
    expect(m.predictedEdges).toBe(4);
    expect(m.edgePrecision).toBeCloseTo(2 / 4, 12);
    expect(m.edgeRecall).toBeCloseTo(2 / 3, 12);
    // Tree {x,y}: true root absent, predicted root hidden → right; tree {r,z}: predicted root hidden:2 → wrong.
    expect(m.trees).toBe(2);
    expect(m.rootAccuracy).toBe(0.5);
    expect(HIDDEN).toBe('(hidden)');
  });

  it('parentMap builds the map from relations, unrelated nodes as roots', () => {
    expect(parentMap(['a', 'b', 'c'], [{ parent: 'a', child: 'b' }])).toEqual(
      tree([
        ['a', null],
        ['b', 'a'],
        ['c', null],
      ]),
    );
  });
});
