import { describe, expect, it, vi } from 'vitest';
import { paragraphFeatures } from '../align/index.js';
import type { EmbeddedCorpus } from '../embed/index.js';
import type { SegmentedDoc, Story } from '../types.js';
import { bagOfWordsVector } from '../../test/helpers/stories.js';
import { hasTerm, termSet } from '../util/term-set.js';
import { relate } from './relate.js';
import { relateInput } from './relate-input.js';

// The real features, watched: which stories they are computed for.
vi.mock('../align/index.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../align/index.js')>();
  return { ...actual, paragraphFeatures: vi.fn(actual.paragraphFeatures) };
});

const D = 64;

/** Pages of one story each, one sentence per paragraph, with bag-of-words vectors. */
function corpus(pages: Record<string, readonly string[]>): {
  docs: SegmentedDoc[];
  embedded: EmbeddedCorpus;
} {
  const docs: SegmentedDoc[] = Object.entries(pages).map(([doc, texts]) => {
    const story: Story = {
      id: `${doc}#1`,
      docId: doc,
      title: null,
      byline: null,
      published: null,
      attribution: [],
      source: null,
      paragraphs: texts.map((text, index) => ({ index, text, start: 0, end: text.length })),
      outlets: [doc],
      credits: [],
      names: [],
      language: 'eng',
    };
    return { id: doc, path: doc, title: null, publisher: null, published: null, stories: [story] };
  });
  const stories = docs.map((d) => d.stories[0]!);
  const rows = stories.flatMap((s) => s.paragraphs.map((p) => p.text));
  const vectors = new Float32Array(rows.length * D);
  rows.forEach((t, k) => bagOfWordsVector(t, vectors, k * D));
  let row = 0;
  const embedded: EmbeddedCorpus = {
    encoder: {
      info: { name: 'bag of words', dimensions: D, backend: 'cpu' },
      encode: () => Promise.reject(new Error('not used')),
      dispose: () => {},
    },
    dimensions: D,
    stories: stories.map((story) => {
      const v = vectors.subarray(row * D, (row += story.paragraphs.length) * D);
      return {
        story,
        sentences: story.paragraphs.map((p) => ({ text: p.text, paragraph: p.index })),
        paragraphVectors: v,
        sentenceVectors: v,
      };
    }),
    paragraphs: {
      vectors,
      dimensions: D,
      owners: stories.flatMap((s) => s.paragraphs.map(() => ({ storyId: s.id, docId: s.docId }))),
    },
  };
  return { docs, embedded };
}

const copied = [
  'The council approved the new budget for roads and schools on Tuesday evening.',
  'Officials said the plan would cost more than expected after a long review.',
  'Residents who waited years for repairs declined to comment on the decision.',
];

describe('relateInput', () => {
  it('computes lexical features only when relate reads them: none for a corpus of one story', () => {
    const long = Array.from({ length: 200 }, (_, i) => `${copied[i % 3]} Item ${i}.`);
    const { docs, embedded } = corpus({ live: long });
    vi.mocked(paragraphFeatures).mockClear();
    const result = relate(relateInput(docs, embedded, []));
    expect(result.derived).toEqual([]);
    expect(result.nonDerived).toEqual([]);
    expect(paragraphFeatures).not.toHaveBeenCalled();
  });

  it('gives the features it computes late to the pairs that read them', () => {
    const { docs, embedded } = corpus({ orig: copied, copy: copied });
    vi.mocked(paragraphFeatures).mockClear();
    const input = relateInput(docs, embedded, [{ a: 'copy#1', b: 'orig#1' }]);
    expect(paragraphFeatures).not.toHaveBeenCalled();
    const result = relate(input);
    expect(result.derived.map((p) => [p.a, p.b])).toEqual([['copy#1', 'orig#1']]);
    const story = input.stories.get('orig#1')!;
    expect(story.units).toEqual(copied.map((t) => paragraphFeatures(t, 'eng')));
    // Computed once per story and unit kind, however often read.
    expect(story.units).toBe(story.units);
  });

  it("reads a sentence's quotations from its paragraph: no writer's words in a quotation of two sentences", () => {
    const paragraph =
      '"We knew this lake was dangerous. What we could not know was the day," the glaciologist told reporters.';
    const cut = paragraph.indexOf(' What');
    const { docs, embedded } = corpus({ page: [paragraph] });
    const [e] = embedded.stories;
    const split: EmbeddedCorpus = {
      ...embedded,
      stories: [
        {
          ...e!,
          sentences: [
            { text: paragraph.slice(0, cut), paragraph: 0 },
            { text: paragraph.slice(cut + 1), paragraph: 0 },
          ],
          sentenceVectors: new Float32Array(2 * D),
        },
      ],
    };
    const [first, second] = relateInput(docs, split, []).stories.get('page#1')!.units;
    expect(first!.wordingUnigrams).toEqual(termSet([]));
    expect(second!.wordingUnigrams).toEqual(termSet(['glaciologist', 'reporters']));
    // Alone, each sentence's half of the quotation reads as its own words.
    expect(hasTerm(paragraphFeatures(paragraph.slice(0, cut), 'eng').wordingUnigrams, 'lake')).toBe(
      true,
    );
  });
});
