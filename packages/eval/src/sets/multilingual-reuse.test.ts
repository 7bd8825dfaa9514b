import type { Relation } from '@stemma/core';
import type { ReusePair } from '@stemma/generate';
import { describe, expect, it } from 'vitest';
import { choosePairs, packCorpora, reuseArticles } from '../reuse-corpora.js';
import {
  extentClass,
  fitThreshold,
  scoreReuse,
  threeClass,
  type ReusePrediction,
} from './multilingual-reuse.js';

const pair = (source: string, label: ReusePair['label'], lang = 'de'): ReusePair => ({
  id: `${source}:${label}`,
  lang,
  label,
  source,
  sourceText: '',
  candidateText: '',
  articles: [source],
  operations: [],
});
const edge = { parent: 'a#1', child: 'b#1' } as Relation;
const prediction = (
  label: ReusePair['label'],
  coverage: number | null,
  pWholly: number | null = null,
  id = 'x',
  lang = 'de',
): ReusePrediction => ({
  pair: pair(id, label, lang),
  edges: coverage === null ? [] : [edge],
  coverage: coverage ?? 0,
  extent: pWholly === null ? null : pWholly >= 0.5 ? 'wholly' : 'partially',
  pWholly,
  measures: null,
  independent: null,
  stories: [1, 1],
  elsewhere: 0,
});

describe('multilingual-reuse', () => {
  it('reads articles with their same-event articles (Overall ≤ 2 only)', () => {
    const row = (id: string, overall: number, lang = 'pl') =>
      JSON.stringify({
        pair_id: id,
        lang1: lang,
        lang2: lang,
        text1: `t${id}`,
        text2: 'u',
        Overall: overall,
      });
    const arts = reuseArticles([row('1_2', 1.5), row('1_3', 3.5), row('4_5', 1, 'de')].join('\n'));
    expect(arts.map((a) => [a.id, a.lang, a.sameEvent])).toEqual([
      ['1', 'pl', ['2']],
      ['2', 'pl', ['1']],
      ['3', 'pl', []],
      ['4', 'de', ['5']],
      ['5', 'de', ['4']],
    ]);
  });

  it('keeps the first sources of each language with all their pairs', () => {
    const all = [
      pair('a', 'wholly'),
      pair('a', 'not'),
      pair('b', 'wholly'),
      pair('c', 'wholly', 'ar'),
    ];
    expect(choosePairs(all, 1).map((p) => p.id)).toEqual(['a:wholly', 'a:not', 'c:wholly']);
  });

  it('never puts two pairs sharing an article in one corpus', () => {
    const items = [['a', 'b'], ['b', 'c'], ['d'], ['a'], ['e']];
    expect(packCorpora(items, (x) => x, 2)).toEqual([
      [['a', 'b'], ['d']],
      [['b', 'c'], ['a']],
      [['e']],
    ]);
  });

  it('maps a prediction to three classes by coverage and fits the threshold that separates them', () => {
    expect(threeClass(prediction('wholly', null), 0.5)).toBe('not');
    expect(threeClass(prediction('wholly', 0.9), 0.5)).toBe('wholly');
    expect(threeClass(prediction('wholly', 0.4), 0.5)).toBe('partially');
    const ps = [
      prediction('wholly', 0.95),
      prediction('wholly', 0.9),
      prediction('partially', 0.6),
      prediction('partially', 0.5),
      prediction('not', null),
    ];
    expect(fitThreshold(ps)).toBe(0.9);
  });

  it("calls a linked pair by the report's extent, not by its coverage", () => {
    expect(extentClass(prediction('wholly', null, 0.9))).toBe('not');
    expect(extentClass(prediction('wholly', 0.2, 0.9))).toBe('wholly');
    expect(extentClass(prediction('partially', 1, 0.1))).toBe('partially');
    // A relation without an extent counts as partially derived.
    expect(extentClass(prediction('wholly', 1, null))).toBe('partially');
  });

  it('scores the extent left out by language beside the in-sample one and the baseline', () => {
    const ps = [
      prediction('wholly', 0.95, 0.9, 'a', 'de'),
      prediction('partially', 0.9, 0.2, 'b', 'de'),
      prediction('wholly', 0.9, 0.8, 'c', 'ar'),
      prediction('partially', 0.95, 0.3, 'd', 'ar'),
      prediction('not', null, null, 'e', 'ar'),
    ];
    // Held out: the model that never saw Arabic gets its partially derived pair wrong.
    const heldOut = new Map([
      ['a:wholly', 0.8],
      ['b:partially', 0.1],
      ['c:wholly', 0.7],
      ['d:partially', 0.6],
    ]);
    const { tasks, calibration } = scoreReuse(ps, heldOut);
    const byName = (s: string) => tasks.find((t) => t.name.includes(s))!;
    const held = byName('leaving the language out');
    const inSample = byName('in sample');
    expect(inSample.macroF1).toBe(1);
    expect(held.macroF1).toBeLessThan(1);
    expect(held.confusion!.matrix).toEqual([
      [2, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(held.figures!['macro-F1, de (2)']).toBe(1);
    expect(byName('baseline').name).toContain('coverage threshold');
    // Four derived pairs linked; in sample every P is on the right side of 0.5.
    expect(calibration.inSample.table.reduce((s, b) => s + b.n, 0)).toBe(4);
    expect(calibration.heldOut.ece).toBeGreaterThan(calibration.inSample.ece);
  });
});
