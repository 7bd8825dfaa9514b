import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

describe('splitSentences', () => {
  it('splits on sentence ends but not after abbreviations, and keeps offsets', () => {
    const text =
      'The U.S. and Norland met on Jan. 9 in Geneva. Mr. Vance spoke at 3 p.m. ET to reporters. It was a long day for everyone.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'The U.S. and Norland met on Jan. 9 in Geneva.',
      'Mr. Vance spoke at 3 p.m. ET to reporters.',
      'It was a long day for everyone.',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('joins fragments too short to stand alone', () => {
    const s = splitSentences('He left. The meeting went on for another three hours without him.');
    expect(s).toHaveLength(1);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});
