import type { IndexSessionAddResult, QueryMatch } from '@stemma/core';
import { describe, expect, it } from 'vitest';
import { relationLines } from './watch.js';

const match = (over: Partial<QueryMatch>): QueryMatch => ({
  direction: 'parent',
  story: 'original#1',
  docId: 'original',
  path: '/in/original.txt',
  title: null,
  outlet: null,
  label: 'original#1',
  queryStory: 'copy#1',
  kind: 'edited',
  confidence: 0.9,
  evidence: [],
  alignedParagraphs: 3,
  ...over,
});

const result = (pages: IndexSessionAddResult['pages']): IndexSessionAddResult => ({
  index: 'idx',
  generation: 1,
  added: [],
  skipped: [],
  embedded: 0,
  duplicateParagraphs: 0,
  warnings: [],
  pages,
});

describe('relationLines', () => {
  it('prints a relation seen from both of its new pages once, parent and child in report order', () => {
    const printed = new Map<string, string>();
    const lines = relationLines(
      result([
        {
          id: 'original',
          path: '/in/original.txt',
          parents: [],
          children: [
            match({
              direction: 'child',
              story: 'copy#1',
              docId: 'copy',
              path: '/in/copy.txt',
              queryStory: 'original#1',
            }),
          ],
        },
        { id: 'copy', path: '/in/copy.txt', parents: [match({})], children: [] },
      ]),
      printed,
      '2026-01-01T00:00:00.000Z',
    );
    expect(lines).toEqual([
      {
        type: 'relation',
        parent: 'original#1',
        child: 'copy#1',
        kind: 'edited',
        probability: 0.9,
        direction: 'child',
        doc: 'original',
        path: '/in/original.txt',
        otherDoc: 'copy',
        otherPath: '/in/copy.txt',
        at: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('prints a relation again only when its kind or probability changed', () => {
    const printed = new Map<string, string>();
    const page = (m: QueryMatch) =>
      result([{ id: 'copy', path: '/in/copy.txt', parents: [m], children: [] }]);
    expect(relationLines(page(match({})), printed, 't')).toHaveLength(1);
    expect(relationLines(page(match({})), printed, 't')).toHaveLength(0);
    expect(relationLines(page(match({ confidence: 0.95 })), printed, 't')).toHaveLength(1);
    expect(
      relationLines(page(match({ confidence: 0.95, kind: 'verbatim' })), printed, 't'),
    ).toHaveLength(1);
  });
});
