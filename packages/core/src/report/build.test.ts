import { describe, expect, it } from 'vitest';
import { storyOf } from '../../test/helpers/stories.js';
import type { SegmentedDoc } from '../types.js';
import { seededRandom } from '../util/random.js';
import { fixtureReport } from '../../test/helpers/report.js';
import { buildReport } from './build.js';
import { validateReport } from './validate.js';

const fixtureRelation = fixtureReport.relations[0]!;

function reportOf(
  paragraphs: readonly string[],
  wordRank?: (word: string) => number | undefined,
): ReturnType<typeof buildReport> {
  const story = storyOf('page', 1, paragraphs);
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
    ...(wordRank === undefined ? {} : { wordRank }),
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

describe('buildReport vocabulary', () => {
  it('gives each story the share of its words the encoder does not know, tokenised as the encoder does', () => {
    const known = new Map(['the', 'minister', 'said'].map((w, i) => [w, i]));
    const story = (paragraphs: readonly string[]) =>
      reportOf(paragraphs, (w) => known.get(w)).documents[0]!.stories[0]!;
    // Words: the, minister, said, tiếng, việt — two of five unknown (case folded as the encoder folds).
    expect(story(['The minister said:', 'tiếng Việt']).oov).toBe(0.4);
    expect(story(['', '…']).oov).toBe(0);
    // An encoder without a vocabulary (a TF.js model) gives no figure rather than a wrong one.
    expect(reportOf(['The minister said.']).documents[0]!.stories[0]!.oov).toBeNull();
  });
});

describe('buildReport names and quotations', () => {
  it('gives each story its outlet and label, lists shared quotations, and validates', () => {
    const a = {
      ...storyOf('a', 1, ['The mayor said "the ferry will sail again on the morning tide".']),
      title: 'Ferry to sail again',
      outlet: 'Harbour Wire',
    };
    const b = storyOf('b', 1, ['"The ferry will sail again," the mayor told reporters.']);
    const doc = (id: string, story: typeof a): SegmentedDoc => ({
      id,
      path: `${id}.txt`,
      title: null,
      publisher: null,
      published: null,
      stories: [story],
    });
    const report = buildReport({
      docs: [doc('a', a), doc('b', { ...b, title: null })],
      forest: { relations: [], independent: [], trees: [], hidden: [] },
      encoder: { name: 'test', dimensions: 1, backend: 'cpu' },
      warnings: [],
    });
    const [sa, sb] = report.documents.map((d) => d.stories[0]!);
    expect(sa).toMatchObject({
      outlet: 'Harbour Wire',
      label: 'Harbour Wire — Ferry to sail again',
    });
    // Neither outlet nor title: the id is the label.
    expect(sb).toMatchObject({ outlet: null, label: 'b#1' });
    expect(report.quotations).toEqual([
      {
        text: 'the ferry will sail again on the morning tide',
        stories: ['a#1', 'b#1'],
        variants: ['The ferry will sail again'],
      },
    ]);
    expect(() => validateReport(report)).not.toThrow();
    expect(() =>
      validateReport({ ...report, relations: [{ ...fixtureRelation, measuredAgainst: 7 }] }),
    ).toThrow(/measuredAgainst/);
  });
});

describe('buildReport extent', () => {
  // Texts written for this test.
  const parent = [
    'The council voted on Monday to close the old swimming pool at the end of the summer season.',
    'Repairs to its roof and heating would have cost more than the town spends on sport in a year.',
    'A new pool is planned beside the secondary school, but no date has been set for the work to begin.',
  ];
  const doc = (id: string, paragraphs: readonly string[]): SegmentedDoc => ({
    id,
    path: `${id}.txt`,
    title: null,
    publisher: null,
    published: null,
    stories: [storyOf(id, 1, paragraphs)],
  });

  it('gives a relation between two stories its reuse scores, extent and pWholly, and validates', () => {
    const report = buildReport({
      docs: [doc('a', parent), doc('b', parent.slice(0, 2)), doc('c', [])],
      forest: {
        relations: [
          { ...fixtureRelation, parent: 'a#1', child: 'b#1' },
          // A hidden parent without a stand-in, and a story the docs lack: left as they are.
          { ...fixtureRelation, parent: 'hidden:1', child: 'b#1' },
          { ...fixtureRelation, parent: 'a#1', child: 'zz#9' },
        ],
        independent: [],
        trees: [],
        hidden: [],
      },
      encoder: { name: 'test', dimensions: 1, backend: 'cpu' },
      warnings: [],
    });
    const [measured, hidden, missing] = report.relations;
    expect(measured!.scores.copyReused).toBe(1);
    expect(measured!.scores.copySentencesReused).toBe(1);
    expect(measured!.scores.sourceReused).toBeGreaterThan(0.5);
    expect(measured!.scores.sourceReused).toBeLessThan(1);
    expect(measured!.extent).toMatch(/^(wholly|partially)$/);
    expect(measured!.pWholly).toBeGreaterThanOrEqual(0);
    expect(measured!.pWholly).toBeLessThanOrEqual(1);
    for (const r of [hidden!, missing!]) {
      expect(r.extent).toBeUndefined();
      expect(r.scores.copyReused).toBeUndefined();
    }
    expect(() => validateReport(report)).not.toThrow();
    expect(() =>
      validateReport({ ...report, relations: [{ ...measured!, extent: 'mostly' }] }),
    ).toThrow(/extent/);
  });
});
