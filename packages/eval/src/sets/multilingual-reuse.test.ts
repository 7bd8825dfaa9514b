import type { Relation } from '@stemma/core';
import type { ReusePair } from '@stemma/generate';
import { describe, expect, it } from 'vitest';
import {
  choosePairs,
  fitThreshold,
  packCorpora,
  reuseArticles,
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
const prediction = (label: ReusePair['label'], coverage: number | null): ReusePrediction => ({
  pair: pair('x', label),
  edges: coverage === null ? [] : [edge],
  coverage: coverage ?? 0,
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
});
