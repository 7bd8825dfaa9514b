import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.js';
import { sharedTextCandidates, textShingles, type ShingleStory } from './shingles.js';

/** Words of a made-up language no encoder knows: random syllables. */
function inventedWords(seed: number, count: number): string[] {
  const next = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mi', 'tu', 're', 'sha', 'von', 'qi', 'dar', 'pel', 'zu', 'nok'];
  const out = new Set<string>();
  while (out.size < count) {
    let w = '';
    const n = 2 + Math.floor(next() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(next() * syllables.length)];
    out.add(w);
  }
  return [...out];
}

function sentence(next: () => number, vocabulary: readonly string[], length: number): string {
  const w = Array.from({ length }, () => vocabulary[Math.floor(next() * vocabulary.length)]!);
  return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`;
}

const story = (id: string, ...sentences: string[]): ShingleStory => ({
  story: { id, docId: id },
  sentences: sentences.map((text) => ({ text })),
});

describe('textShingles', () => {
  it('hashes word 5-grams, leaving quotations out', () => {
    expect(textShingles('one two three four five six seven').size).toBe(3);
    expect(textShingles('one two three four').size).toBe(0);
    // The quotation's words neither count nor join the words around it.
    expect(textShingles('one two three "four five six seven eight" nine ten').size).toBe(0);
  });

  it('hashes character 8-grams of scripts written without spaces', () => {
    const text = '研究人员在山上发现了一种新的花。';
    // 15 letters, no spaces: 8 character 8-grams.
    expect(textShingles(text).size).toBe(8);
    expect([...textShingles(text)].every((h) => textShingles(`他说${text}`).has(h))).toBe(true);
  });
});

describe('sharedTextCandidates', () => {
  const vocabulary = inventedWords(7, 400);
  const next = seededRandom(11);
  const own = (n: number) => Array.from({ length: n }, () => sentence(next, vocabulary, 12));
  const copied = own(3);

  it('pairs stories in an unknown language that share copied sentences, and no others', () => {
    const a = story('a', ...own(2), ...copied, ...own(2));
    const b = story('b', ...own(1), copied[0]!, copied[1]!, ...own(3));
    const c = story('c', ...own(5));
    const d = story('d', ...own(5));
    // Two copied 12-word sentences: 8 word 5-grams each.
    expect(sharedTextCandidates([a, b, c, d])).toEqual([{ a: 'a', b: 'b', shared: 16 }]);
  });

  it('never pairs two stories of one page', () => {
    const a = story('a', ...copied);
    const b = { ...story('b', ...copied), story: { id: 'b', docId: 'a' } };
    expect(sharedTextCandidates([a, b])).toEqual([]);
  });

  it('reads no sentence when every story is of one page (nothing could pair)', () => {
    const unread = (id: string): ShingleStory => ({
      story: { id, docId: 'live' },
      get sentences(): never {
        throw new Error(`read the sentences of ${id}`);
      },
    });
    expect(sharedTextCandidates([unread('live#1'), unread('live#2')])).toEqual([]);
  });

  it('keeps candidate pairs O(n) over thousands of stories sharing boilerplate', () => {
    // Long enough to count, were it not in every story.
    const boilerplate = sentence(next, vocabulary, 16);
    const n = 3000;
    const stories: ShingleStory[] = [];
    const copies: string[] = [];
    for (let i = 0; i < n; i++) {
      const text = [sentence(next, vocabulary, 14), sentence(next, vocabulary, 14)];
      // Every tenth story copies one sentence of the story before it.
      if (i % 10 === 9) {
        text[1] = stories[i - 1]!.sentences[0]!.text;
        copies.push(`${i - 1}:${i}`);
      }
      stories.push(story(String(i).padStart(4, '0'), ...text, boilerplate));
    }
    const pairs = sharedTextCandidates(stories);
    // All pairs would be n(n−1)/2 ≈ 4.5 million: the boilerplate shared by
    // every story is over the frequency cap, and random text shares no run.
    expect(pairs.length).toBe(copies.length);
    const found = new Set(pairs.map((p) => `${Number(p.a)}:${Number(p.b)}`));
    for (const c of copies) expect(found.has(c)).toBe(true);
  });

  it('rejects options that are not positive integers', () => {
    expect(() => sharedTextCandidates([], { minRun: 0 })).toThrow(/minRun/);
  });
});
