/**
 * The pipeline over a content farm (issue 9): identical bodies beyond the
 * partner cap are aligned with their earliest copy only; a group at the cap
 * is aligned all to all, as before. Runs from the segment stage on with a
 * bag-of-words encoder, so no word vectors are loaded.
 */
import { describe, expect, it } from 'vitest';
import { bagOfWordsEncoder } from '../test/helpers/stories.js';
import { analyzeDocs } from './pipeline.js';
import { createRunContext } from './run-context.js';
import type { IngestedDoc, Report } from './types.js';

const encoder = bagOfWordsEncoder;

const BODY = [
  'The harbour board voted on Tuesday to close the old north pier for repairs after divers found cracked pilings beneath the ferry landing.',
  'Ferry services will move to the south quay for six weeks, and the board said passengers should allow an extra twenty minutes for the walk.',
  'Engineers expect the repairs to cost about four million pounds, which the board plans to cover from its reserve fund rather than raise fees.',
];

/** A page with its own headline over the shared body. */
const page = (n: number, published: string | null = null): IngestedDoc => ({
  id: `page-${n}`,
  path: `page-${n}.txt`,
  format: 'txt',
  text: [`Pier news number ${n}`, ...BODY].join('\n\n'),
  meta: { title: null, publisher: null, published, byline: null, url: null },
});

async function run(
  docs: readonly IngestedDoc[],
  maxPartners: number,
): Promise<{ aligned: string[]; report: Report }> {
  const aligned: string[] = [];
  const options = {
    maxPartners,
    onCandidate: ({ a, b }: { a: string; b: string }) => aligned.push([a, b].sort().join(' ')),
  };
  const { report } = await analyzeDocs(docs, options, createRunContext(options), { encoder });
  return { aligned: aligned.sort(), report };
}

describe('identical bodies and the partner cap', () => {
  it('aligns each copy of a group larger than the cap with the earliest copy only', async () => {
    // page-3 is dated, the others not: it is the earliest and stands for the text.
    const docs = [0, 1, 2, 3, 4].map((n) => page(n, n === 3 ? '2024-05-01' : null));
    const { aligned, report } = await run(docs, 3);
    expect(aligned).toEqual([
      'page-0#1 page-3#1',
      'page-1#1 page-3#1',
      'page-2#1 page-3#1',
      'page-3#1 page-4#1',
    ]);
    expect(report.relations.map((r) => [r.parent, r.child, r.kind])).toEqual(
      ['page-0#1', 'page-1#1', 'page-2#1', 'page-4#1'].map((c) => ['page-3#1', c, 'verbatim']),
    );
  });

  it('aligns a group at the cap all to all', async () => {
    const docs = [0, 1, 2].map((n) => page(n));
    const { aligned } = await run(docs, 3);
    expect(aligned).toEqual(['page-0#1 page-1#1', 'page-0#1 page-2#1', 'page-1#1 page-2#1']);
  });
});
