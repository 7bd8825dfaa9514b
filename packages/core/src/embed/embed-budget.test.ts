/**
 * The time budget per document while embedding (issue 9): a document whose
 * own embedding work (splitting sentences, tokenizing its texts) passes the
 * budget is dropped with one warning, and the rest are embedded exactly as a
 * corpus without its stories. Slow tokenizing is made by an encoder that adds
 * time for chosen texts; slow splitting by the test hook STEMMA_TEST_STALL_EMBED.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTinyWinkJson } from '../../test/helpers/embed.js';
import { segmentCorpus } from '../segment/corpus.js';
import type { IngestedDoc, Story } from '../types.js';
import { embedStories, type EmbeddedCorpus } from './embed-stories.js';
import { createSifEncoder } from './sif-encoder.js';
import type { Encoder } from './types.js';

const para = (topic: string, n: number): string =>
  `The ${topic} council met on day ${n} to settle the matter of the ${topic} budget. Members argued for an hour before the vote was taken.`;
const page = (id: string, topic: string): IngestedDoc => ({
  id,
  path: `/news/${id}.txt`,
  format: 'txt',
  text: [para(topic, 1), para(topic, 2), para(topic, 3)].join('\n\n'),
  meta: { title: null, publisher: null, published: null, byline: null, url: null },
});
const stories: readonly Story[] = segmentCorpus(
  ['water', 'roads', 'schools', 'parks'].map((t, i) => page(`p${i}`, t)),
).flatMap((d) => d.stories);
const docPaths = new Map(stories.map((s) => [s.docId, `/news/${s.docId}.txt`]));

let dir: string;
let sif: Encoder;
beforeAll(async () => {
  dir = tempDir();
  sif = await createSifEncoder({
    cacheDir: dir,
    gloveJsonPath: writeTinyWinkJson(dir, 16),
    backend: 'cpu',
  });
});
afterAll(() => {
  sif.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env['STEMMA_TEST_STALL_EMBED'];
});

/** The SIF encoder, with `ms` added to the time of every text containing `word`. */
const slowOn = (word: string, ms: number): Encoder => ({
  info: sif.info,
  dispose: () => undefined,
  encode: (texts, opts = {}) =>
    sif.encode(texts, {
      ...opts,
      onTextTime: (i, t) => opts.onTextTime?.(i, t + (texts[i]!.includes(word) ? ms : 0)),
    }),
});

/** What a test compares: story ids, sentences and vectors, and the dropped documents. */
const summary = (e: EmbeddedCorpus) => ({
  stories: e.stories.map((s) => [s.story.id, s.sentences, [...s.sentenceVectors]]),
  paragraphs: [...e.paragraphs.vectors],
  owners: e.paragraphs.owners,
});

describe('embedStories with a budget per document', () => {
  it('embeds every story, the same as without a budget, when nothing overruns', async () => {
    const warnings: string[] = [];
    const got = await embedStories(stories, {
      encoder: sif,
      docTimeoutMs: 1000,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
    expect(got.dropped).toEqual(new Set());
    expect(summary(got)).toEqual(summary(await embedStories(stories, { encoder: sif })));
  });

  it('drops a document whose tokenizing overran, as if its stories were never there', async () => {
    const warnings: string[] = [];
    const got = await embedStories(stories, {
      encoder: slowOn('roads', 400),
      docTimeoutMs: 1000,
      docPaths,
      onWarning: (m) => warnings.push(m),
    });
    // Three paragraphs at 400 ms each: the third passes the budget.
    expect(warnings).toEqual(['/news/p1.txt: embedding took over 1 s; skipped (--doc-timeout)']);
    expect(got.dropped).toEqual(new Set(['p1']));
    const rest = stories.filter((s) => s.docId !== 'p1');
    expect(summary(got)).toEqual(summary(await embedStories(rest, { encoder: sif })));
  });

  it('drops a document stuck splitting its sentences (STEMMA_TEST_STALL_EMBED)', async () => {
    process.env['STEMMA_TEST_STALL_EMBED'] = '/news/p2.txt:1500';
    const warnings: string[] = [];
    const got = await embedStories(stories, {
      encoder: sif,
      docTimeoutMs: 1000,
      docPaths,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual(['/news/p2.txt: embedding took over 1 s; skipped (--doc-timeout)']);
    const rest = stories.filter((s) => s.docId !== 'p2');
    expect(summary(got)).toEqual(summary(await embedStories(rest, { encoder: sif })));
  });
});
