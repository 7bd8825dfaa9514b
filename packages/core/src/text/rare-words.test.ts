import { describe, expect, it } from 'vitest';
import { EventIndex } from '../relate/event.js';
import { COMMON_RANK, isRareWord } from './rare-words.js';

/** An invented general-frequency list: position is rank. */
const GENERAL = ['the', 'said', 'going', 'seen', 'something', 'harbour'];
const generalRank = (w: string): number | undefined => {
  const i = GENERAL.indexOf(w);
  if (i >= 0) return i;
  return { lighthouse: COMMON_RANK + 10, gantry: COMMON_RANK * 4 }[w];
};

describe('isRareWord', () => {
  const corpus = { stories: 10, df: 2, generalRank };

  it('refuses words common in general text however rare in the corpus', () => {
    expect(isRareWord('going', corpus)).toBe(false);
    expect(isRareWord('something', corpus)).toBe(false);
    expect(isRareWord('lighthouse', corpus)).toBe(true);
  });

  it('refuses calendar words, titles and short tokens', () => {
    for (const w of ['thursday', 'dec', 'mr', 'president', 'co'])
      expect(isRareWord(w, corpus)).toBe(false);
  });

  it('judges a word the general list does not know by the corpus alone', () => {
    expect(isRareWord('mbiu', corpus)).toBe(true);
    expect(isRareWord('mbiu', { ...corpus, df: 6 })).toBe(false);
    // Without a general list at all, the corpus says.
    expect(isRareWord('going', { stories: 10, df: 2 })).toBe(true);
  });
});

describe('EventIndex.sharedWords with a general list', () => {
  const stories = [
    { id: 'a', words: new Set(['going', 'seen', 'lighthouse', 'gantry', 'mbiu', 'keel']) },
    { id: 'b', words: new Set(['going', 'seen', 'lighthouse', 'gantry', 'mbiu', 'hull']) },
    { id: 'c', words: new Set(['tide', 'keel']) },
    { id: 'd', words: new Set(['hull', 'tide']) },
  ];

  it('lists only words rare in general, rarest in general first', () => {
    const index = new EventIndex(stories, { generalRank });
    expect(index.sharedWords('a', 'b')).toEqual(['mbiu', 'gantry', 'lighthouse']);
  });

  it('without one, ranks by the corpus as before', () => {
    const index = new EventIndex(stories);
    expect(index.sharedWords('a', 'b')).toEqual(
      expect.arrayContaining(['going', 'seen', 'lighthouse']),
    );
  });
});
