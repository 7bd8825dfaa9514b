import { describe, expect, it } from 'vitest';
import type { IngestedDoc } from '../types.js';
import { segmentCorpusWithBudget } from './budget.js';
import { corpusBoilerplate, segmentCorpus } from './corpus.js';
import { segment } from './segment.js';

const para = (topic: string, n: number): string =>
  `The ${topic} council met on day ${n} to settle the matter of the ${topic} budget, and members argued for an hour before the vote was taken.`;
const doc = (id: string, body: string): IngestedDoc => ({
  id,
  path: `${id}.txt`,
  format: 'txt',
  text: body,
  meta: { title: null, publisher: null, published: null, byline: null, url: null },
});
/** A page of the invented "Valley Courier": its section line and sign-off around a story. */
const page = (id: string, topic: string): IngestedDoc =>
  doc(
    id,
    [
      'Valley Courier Local Desk',
      '',
      para(topic, 1),
      '',
      para(topic, 2),
      '',
      para(topic, 3),
      '',
      'Tip the desk today',
    ].join('\n'),
  );

describe('corpus boilerplate', () => {
  it('drops short lines that stand in three unrelated pages, keeping the stories', () => {
    const docs = [page('a', 'harbour'), page('b', 'school'), page('c', 'library')];
    const keys = corpusBoilerplate(docs);
    expect(keys.has('valley courier local desk')).toBe(true);
    expect(keys.has('tip the desk today')).toBe(true);
    for (const s of segmentCorpus(docs)) {
      expect(s.stories).toHaveLength(1);
      const text = s.stories[0]?.paragraphs.map((p) => p.text).join('\n') ?? '';
      expect(text).not.toMatch(/Valley Courier|Tip the desk/);
      expect(s.stories[0]?.paragraphs).toHaveLength(3);
    }
  });

  it('leaves lines that copies of one story share (they share paragraphs too)', () => {
    const docs = [
      page('a', 'harbour'),
      page('b', 'harbour'),
      page('c', 'harbour'),
      page('d', 'school'),
    ];
    expect(corpusBoilerplate(docs).has('valley courier local desk')).toBe(false);
  });

  it('needs enough documents', () => {
    expect(corpusBoilerplate([page('a', 'harbour'), page('b', 'school')]).size).toBe(0);
  });

  it('segments each page as segment() does with the corpus boilerplate, reading its lines once', async () => {
    // Boilerplate lines, a repeated story and a page too short for the pass:
    // the lines the pass read are the ones segmented, with the same result.
    const docs = [
      page('a', 'harbour'),
      page('b', 'school'),
      page('c', 'library'),
      page('d', 'harbour'),
      doc('e', ['Valley Courier Local Desk', '', para('rail', 1), '', para('rail', 2)].join('\n')),
    ];
    const boilerplate = corpusBoilerplate(docs);
    expect(boilerplate.size).toBeGreaterThan(0);
    const reference = docs.map((d) => segment(d, { boilerplate }));
    expect(segmentCorpus(docs)).toEqual(reference);
    expect(await segmentCorpusWithBudget(docs, { inThread: true })).toEqual(reference);
    // Below the pass's three pages nothing is boilerplate, and each page is read as it stands.
    const two = docs.slice(0, 2);
    expect(await segmentCorpusWithBudget(two, { inThread: true })).toEqual(
      two.map((d) => segment(d)),
    );
  });
});
