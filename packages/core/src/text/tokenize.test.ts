import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTypography, tokenize, words } from './tokenize.js';

/** What tokenize was before its ASCII fast path: the segmenter over the whole text. */
function bySegmenter(text: string) {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(text)]
    .filter((s) => s.isWordLike)
    .map((s) => ({
      text: s.segment,
      norm: foldTypography(s.segment).toLowerCase(),
      start: s.index,
      end: s.index + s.segment.length,
    }));
}

// Characters that decide word boundaries: every ASCII class, whitespace of
// each kind, and non-ASCII letters, marks, joiners, quotes and scripts.
const PIECES = [
  ...'abcXYZ019_:.\',;"-/@#!?()[]&%$+*=<>|~`^\\{}',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\u0001',
  '\u001c',
  '\u007f',
  'é',
  '\u0301',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u00a0',
  '\u2019',
  '\u201c',
  '—',
  'Ж',
  'ш',
  'ا',
  'ב',
  '中文',
  'カタカナ',
  'ไทย',
  '😀',
  '١٢',
  'U.S.',
  "don't",
  '3,000.5',
];

describe('tokenize', () => {
  it('gives the segmenter tokens on random text of every kind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
        (text) => {
          expect(tokenize(text)).toEqual(bySegmenter(text));
        },
      ),
      { numRuns: 5_000, seed: 7 },
    );
  });

  it('gives the segmenter tokens on any ASCII string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        expect(tokenize(text)).toEqual(bySegmenter(text));
      }),
      { numRuns: 5_000, seed: 11 },
    );
  });

  it('keeps the words that boundary rules join, with their offsets', () => {
    expect(
      tokenize("U.S. officials don't say 3,000.5 a:b __ _ x_1 café.").map((t) => t.text),
    ).toEqual(['U.S', 'officials', "don't", 'say', '3,000.5', 'a:b', '__', 'x_1', 'café']);
    const t = tokenize('  Hello, Wörld')[1]!;
    expect([t.start, t.end, t.norm]).toEqual([9, 14, 'wörld']);
  });
});

describe('tokenize of a text seen before', () => {
  it('gives the same tokens in a new array each time (a caller may change its own)', () => {
    const text = `Remembered text ${Math.random()}: the council met on Tuesday.`;
    const first = tokenize(text);
    const again = tokenize(text);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    const whole = [...first];
    first.length = 0;
    again.pop();
    expect(tokenize(text)).toEqual(whole);
    expect(words(text)).toEqual(whole.map((t) => t.norm));
  });
});
