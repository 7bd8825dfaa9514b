import { describe, expect, it } from 'vitest';
import { storyView } from '../../test/helpers/stories.js';
import { alignStories } from './align.js';
import { words as wordsOf } from '../text/tokenize.js';
import { lexicalOutsideQuotes, lexicalSimilarity, paragraphFeatures } from './features.js';

const words_ = (t: string) => wordsOf(t).length;

const P = [
  'The city council of Varnholm voted on Tuesday to close the old tram depot by the end of the year.',
  'Councillor Mira Dahl said the depot had cost the city more than four million crowns in repairs since 2019.',
  'Residents of the eastern district protested outside the town hall, carrying banners about lost jobs.',
  'The depot employs ninety-two mechanics, most of whom will be offered posts at the new northern yard.',
  'A union spokesman called the decision "a betrayal of the people who kept the trams running" and promised a strike.',
  'The council expects to sell the depot site to a housing developer next spring.',
];
const UNRELATED = [
  'A rare orchid flowered this week in the botanical garden of Lindsey, drawing hundreds of visitors.',
  'Gardeners said the plant had not bloomed since it was brought from the highlands eleven years ago.',
  'The garden will stay open late on Friday so that more people can see it.',
];

describe('alignStories', () => {
  it('aligns a verbatim copy paragraph for paragraph, in order', () => {
    const al = alignStories(storyView('a', P), storyView('b', P));
    expect(al.matches.map((m) => [m.a, m.b])).toEqual(P.map((_, k) => [k, k]));
    expect(al.coverageA).toBe(1);
    expect(al.coverageB).toBe(1);
    expect(al.inOrderShare).toBe(1);
    for (const m of al.matches) expect(m.lexical).toBeCloseTo(1, 6);
  });

  it('finds cuts and a moved paragraph', () => {
    const child = [P[0]!, P[5]!, P[1]!, P[3]!];
    const al = alignStories(storyView('p', P), storyView('c', child));
    const pairs = al.matches.map((m) => [m.a, m.b]);
    expect(pairs).toEqual([
      [0, 0],
      [5, 1],
      [1, 2],
      [3, 3],
    ]);
    expect(al.coverageB).toBe(1);
    // Coverage counts words: paragraphs 2 and 4 of the parent are missing.
    const words = P.map((p) => words_(p));
    const total = words.reduce((s, w) => s + w, 0);
    expect(al.coverageA).toBeCloseTo((total - words[2]! - words[4]!) / total, 6);
    const moved = al.matches.filter((m) => !m.inOrder);
    expect(moved.map((m) => m.a)).toEqual([5]);
  });

  it('aligns nothing between unrelated stories', () => {
    const al = alignStories(storyView('p', P), storyView('u', UNRELATED));
    expect(al.matches).toEqual([]);
    expect(al.coverageA).toBe(0);
  });

  it('rejects vectors of different lengths', () => {
    const a = storyView('a', P);
    const b = { ...storyView('b', P), dimensions: 32 };
    expect(() => alignStories(a, b)).toThrow(RangeError);
  });
});

describe('lexical features', () => {
  it('discounts words shared only inside quotations', () => {
    const q = '"We will not accept a single closure without a fight," said the union.';
    const a = paragraphFeatures(`Workers gathered at dawn. ${q}`);
    const b = paragraphFeatures(`Ministers met in the capital on Monday. ${q}`);
    expect(lexicalSimilarity(a, b)).toBeGreaterThan(lexicalOutsideQuotes(a, b) + 0.2);
    expect(a.quotations).toEqual(['we will not accept a single closure without a fight']);
  });

  it('is 1 for identical text and 0 for disjoint text', () => {
    const a = paragraphFeatures('alpha beta gamma delta');
    expect(lexicalSimilarity(a, a)).toBe(1);
    expect(lexicalSimilarity(a, paragraphFeatures('epsilon zeta eta theta'))).toBe(0);
  });
});
