import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { collapseCopies, type CopyStory } from './copies.js';
import { corpusCandidates } from './corpus-candidates.js';

const story = (
  id: string,
  body: readonly string[],
  published: string | null = null,
): CopyStory => ({
  id,
  docId: id.split('#')[0]!,
  published,
  paragraphs: body.map((text) => ({ text })),
});
const farm = ['Buy cheap tickets now for the match.', 'Tickets are limited.'];

describe('collapseCopies', () => {
  it('maps every member of a group larger than the cap to its earliest member', () => {
    const stories = [
      story('p0#1', farm),
      story('p1#1', farm, '2024-03-02'),
      story('p2#1', ['Another text.']),
      story('p3#1', farm, '2024-03-01'),
      story('p4#1', farm),
    ];
    const copyOf = collapseCopies(stories, { maxPartners: 3 });
    expect([...copyOf]).toEqual([
      ['p0#1', 'p3#1'],
      ['p1#1', 'p3#1'],
      ['p4#1', 'p3#1'],
    ]);
  });

  it('reads the page date when the story states none, then input order', () => {
    const stories = ['a#1', 'b#1', 'c#1'].map((id) => story(id, farm));
    const pages: Record<string, string> = { b: '2020-01-01', c: '2020-01-01' };
    expect([
      ...collapseCopies(stories, { maxPartners: 2, pagePublished: (d) => pages[d] }),
    ]).toEqual([
      ['a#1', 'b#1'],
      ['c#1', 'b#1'],
    ]);
  });

  it('leaves groups at or under the cap, the same paragraphs in another order, and empty bodies alone', () => {
    const stories = [
      ...['a#1', 'b#1', 'c#1'].map((id) => story(id, farm)),
      story('d#1', [...farm].reverse()),
      ...['e#1', 'f#1', 'g#1', 'h#1'].map((id) => story(id, [])),
    ];
    expect(collapseCopies(stories, { maxPartners: 3 }).size).toBe(0);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => collapseCopies([], { maxPartners: 0 })).toThrow(CoreError);
  });
});

describe('corpusCandidates with collapsed copies', () => {
  const d = 2;
  // Four stories whose single paragraphs point the same way: all near each other.
  const corpus = {
    paragraphs: {
      vectors: new Float32Array([1, 0, 1, 0, 1, 0, 1, 0]),
      dimensions: d,
      owners: ['a', 'b', 'c', 'd'].map((x) => ({ storyId: `${x}#1`, docId: x })),
    },
    stories: ['a', 'b', 'c', 'd'].map((x) => ({
      story: { id: `${x}#1`, docId: x },
      sentences: [{ text: 'Buy cheap tickets now.' }],
    })),
  };

  it('pairs members with their representative only', () => {
    const copyOf = new Map([
      ['a#1', 'c#1'],
      ['d#1', 'c#1'],
    ]);
    const pairs = corpusCandidates(corpus, { maxPartners: 30, copyOf });
    expect(pairs.map(({ a, b }) => ({ a, b }))).toEqual([
      { a: 'b#1', b: 'c#1' },
      { a: 'a#1', b: 'c#1' },
      { a: 'c#1', b: 'd#1' },
    ]);
  });

  it('without copies pairs every story with every other', () => {
    expect(corpusCandidates(corpus, { maxPartners: 30 })).toHaveLength(6);
  });
});
