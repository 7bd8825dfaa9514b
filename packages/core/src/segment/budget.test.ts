/**
 * The time budget per document (issue 9). From sources (as vitest runs) the
 * worker file is not there and documents are segmented in-thread; the worker
 * path is tested on the built module (dist), whose sibling worker file exists.
 * A stuck document is made with the test hook STEMMA_TEST_STALL_SEGMENT.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IngestedDoc } from '../types.js';
import { SEGMENT_WORKER_CHARS, segmentCorpusWithBudget, segmentWorkerCount } from './budget.js';
import { segmentCorpus } from './corpus.js';
import { toUnits } from './lines.js';

const para = (topic: string, n: number): string =>
  `The ${topic} council met on day ${n} to settle the matter of the ${topic} budget, and members argued for an hour before the vote was taken.`;
const page = (id: string, topic: string): IngestedDoc => ({
  id,
  path: `${id}.txt`,
  format: 'txt',
  text: [
    'Valley Courier Local Desk',
    '',
    para(topic, 1),
    '',
    para(topic, 2),
    '',
    'Tip the desk',
  ].join('\n'),
  meta: { title: null, publisher: null, published: null, byline: null, url: null },
});
const docs = ['water', 'roads', 'schools', 'parks', 'police', 'fire'].map((t, i) =>
  page(`p${i}`, t),
);

const core = fileURLToPath(new URL('../..', import.meta.url));
const built = fileURLToPath(new URL('../../dist/segment/budget.js', import.meta.url));
const distWorker = fileURLToPath(new URL('../../dist/segment/segment-worker.js', import.meta.url));

afterEach(() => {
  delete process.env['STEMMA_TEST_STALL_SEGMENT'];
});

describe('segmentCorpusWithBudget in-thread (from sources)', () => {
  it('gives what segmentCorpus gives when nothing overruns', async () => {
    const warnings: string[] = [];
    const got = await segmentCorpusWithBudget(docs, { onWarning: (m) => warnings.push(m) });
    expect(got).toEqual(segmentCorpus(docs));
    expect(warnings).toEqual([]);
  });

  it('drops a document that overran, with one warning naming it and the stage', async () => {
    process.env['STEMMA_TEST_STALL_SEGMENT'] = 'p2.txt:2500';
    const warnings: string[] = [];
    const got = await segmentCorpusWithBudget(docs, {
      timeoutMs: 1000,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual(['p2.txt: segmenting took over 1 s; skipped (--doc-timeout)']);
    expect(got).toEqual(segmentCorpus(docs).filter((d) => d.path !== 'p2.txt'));
  });
});

describe('segmentCorpusWithBudget in worker threads (built)', () => {
  let budgeted: typeof segmentCorpusWithBudget;
  beforeAll(async () => {
    if (!existsSync(distWorker)) execFileSync('npx', ['tsc', '-b', core], { stdio: 'inherit' });
    ({ segmentCorpusWithBudget: budgeted } = (await import(built)) as {
      segmentCorpusWithBudget: typeof segmentCorpusWithBudget;
    });
  });

  it('gives the in-thread results, in order, when nothing overruns', async () => {
    const progress: number[] = [];
    const got = await budgeted(docs, { onProgress: (done) => progress.push(done) });
    expect(got).toEqual(segmentCorpus(docs));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops a document stuck in synchronous code and goes on with the rest', async () => {
    // Ten minutes of spinning: only terminating its worker ends it.
    process.env['STEMMA_TEST_STALL_SEGMENT'] = 'p1.txt:600000';
    const warnings: string[] = [];
    const t0 = performance.now();
    const got = await budgeted(docs, { timeoutMs: 3000, onWarning: (m) => warnings.push(m) });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(warnings).toEqual(['p1.txt: segmenting took over 3 s; skipped (--doc-timeout)']);
    expect(got).toEqual(segmentCorpus(docs).filter((d) => d.path !== 'p1.txt'));
  });
});

describe('segmentWorkerCount', () => {
  const text = (chars: number) => ({ text: 'x'.repeat(chars) });
  it('starts one worker for a small corpus, whatever the cores', () => {
    expect(segmentWorkerCount([text(5_000), text(5_000), text(5_000)], 8)).toBe(1);
    expect(segmentWorkerCount([], 8)).toBe(1);
  });

  it('adds a worker per SEGMENT_WORKER_CHARS of text, up to the documents, the cores and four', () => {
    const big = (n: number) => Array.from({ length: n }, () => text(SEGMENT_WORKER_CHARS / 2));
    expect(segmentWorkerCount(big(3), 8)).toBe(2);
    expect(segmentWorkerCount(big(4), 8)).toBe(2);
    expect(segmentWorkerCount(big(5), 8)).toBe(3);
    expect(segmentWorkerCount(big(40), 2)).toBe(2);
    expect(segmentWorkerCount(big(40), 16)).toBe(4);
    expect(segmentWorkerCount([text(10 * SEGMENT_WORKER_CHARS)], 8)).toBe(1);
  });
});

describe('segmentCorpusWithBudget with lines read already', () => {
  it('segments as it does reading them itself, with the boilerplate pass and without', async () => {
    // A query's page: its lines are read once and handed on, a copy per segmenting.
    const given = new Map(docs.map((d) => [d, toUnits(d.text)]));
    const lines = (d: IngestedDoc) => given.get(d)?.map((u) => ({ ...u }));
    for (const corpus of [docs, docs.slice(0, 1)]) {
      const read = await segmentCorpusWithBudget(corpus, { inThread: true, lines });
      expect(read).toEqual(await segmentCorpusWithBudget(corpus, { inThread: true }));
      expect(read).toEqual(segmentCorpus(corpus));
    }
    // Segmenting changed only the copies.
    for (const d of docs) expect(given.get(d)).toEqual(toUnits(d.text));
  });
});
