import { describe, expect, it } from 'vitest';
import type { SegmentedDoc, Story } from '../types.js';
import { seededRandom } from '../util/random.js';
import { buildReport } from './build.js';

function reportOf(paragraphs: readonly string[]): ReturnType<typeof buildReport> {
  const story: Story = {
    id: 'page#1',
    docId: 'page',
    title: null,
    byline: null,
    published: null,
    attribution: [],
    source: null,
    paragraphs: paragraphs.map((text, index) => ({ index, text, start: 0, end: text.length })),
    outlets: [],
    credits: [],
    names: [],
    language: null,
  };
  const doc: SegmentedDoc = {
    id: 'page',
    path: 'page.txt',
    title: null,
    publisher: null,
    published: null,
    stories: [story],
  };
  return buildReport({
    docs: [doc],
    forest: { relations: [], independent: [], trees: [], hidden: [] },
    encoder: { name: 'test', dimensions: 1, backend: 'cpu' },
    warnings: [],
  });
}

describe('buildReport excerpt', () => {
  it('is the first 200 code points of the paragraphs joined by spaces, whatever their length', () => {
    const next = seededRandom(5);
    const pieces = ['a', 'word', '😀', '𝔘', 'ü', ''];
    for (let trial = 0; trial < 200; trial++) {
      const paragraphs = Array.from({ length: 1 + Math.floor(next() * 60) }, () =>
        Array.from(
          { length: Math.floor(next() * 12) },
          () => pieces[Math.floor(next() * pieces.length)],
        ).join(''),
      );
      const whole = Array.from(paragraphs.join(' ')).slice(0, 200).join('');
      expect(reportOf(paragraphs).documents[0]!.stories[0]!.excerpt).toBe(whole);
    }
  });
});
