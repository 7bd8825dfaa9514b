import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENTENCE_WINDOW, segmentText } from './segments.js';

const words = new Intl.Segmenter('en', { granularity: 'word' });
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const whole = (s: Intl.Segmenter, text: string) =>
  [...s.segment(text)].map((x) => ({
    segment: x.segment,
    index: x.index,
    isWordLike: x.isWordLike,
  }));

const prose = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 7 === 0
      ? `Mr. Smith said the U.S. plan — “costly” — failed ${i}.`
      : `Word ${i}, عربي 中文 and more.`,
  ).join(' ');

describe('segmentText', () => {
  it('gives the segments of the whole text, windows or not', () => {
    for (const n of [3, 80, 600]) {
      const text = prose(n);
      expect([...segmentText(words, text)]).toEqual(whole(words, text));
      expect([...segmentText(sentences, text, SENTENCE_WINDOW)]).toEqual(whole(sentences, text));
    }
  });

  it('covers any text exactly once, in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 6000 }), (text) => {
        const segs = [...segmentText(words, text)];
        expect(segs.map((s) => s.segment).join('')).toBe(text);
        let at = 0;
        for (const s of segs) {
          expect(s.index).toBe(at);
          at += s.segment.length;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('splits a 400 000-character line in linear time', () => {
    const text = prose(8000).slice(0, 400_000);
    const t0 = performance.now();
    let n = 0;
    for (const s of segmentText(words, text)) if (s.isWordLike) n++;
    expect(n).toBeGreaterThan(50_000);
    // The unwindowed iterator took about a minute at 160 000 characters.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
