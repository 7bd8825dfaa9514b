import { describe, expect, it } from 'vitest';
import { extractionScores, shingleMatch, shingles } from './article-extraction.js';

describe('the benchmark metric', () => {
  it('counts word 4-grams as a multiset; a short text is one shorter shingle', () => {
    expect([...shingles('a b c d a b c d').values()]).toEqual([2, 1, 1, 1]);
    expect([...shingles('Hello, world!').keys()]).toEqual(['Hello\u0000world']);
    expect(shingles('…').size).toBe(0);
  });

  it('normalises TP/FP/FN by their sum', () => {
    // truth {abcd, bcde}, prediction {abcd, bcdx}: one of each.
    const m = shingleMatch('a b c d e', 'a b c d x');
    expect(m.tp).toBeCloseTo(1 / 3);
    expect(m.fp).toBeCloseTo(1 / 3);
    expect(m.fn).toBeCloseTo(1 / 3);
  });

  it('averages precision and recall over pages; an empty prediction counts for recall only', () => {
    const pages = [
      shingleMatch('a b c d e', 'a b c d x'),
      shingleMatch('p q r s', 'p q r s'),
      shingleMatch('w x y z', ''),
    ];
    const s = extractionScores(pages);
    expect(s.precision).toBeCloseTo((0.5 + 1) / 2);
    expect(s.recall).toBeCloseTo((0.5 + 1 + 0) / 3);
    expect(s.f1).toBeCloseTo((2 * 0.75 * 0.5) / 1.25);
  });

  it("tokenizes like Python's \\w+: letters of any script, digits, underscores", () => {
    expect([...shingles('Größe 42_x ünd مرحبا').keys()]).toEqual([
      'Größe\u000042_x\u0000ünd\u0000مرحبا',
    ]);
  });
});
