/**
 * The time budget per document while reading (issue 9). From sources (as
 * vitest runs) the read worker file is not there and documents are extracted
 * in-thread; the worker path is tested on the built module (dist), whose
 * sibling worker file exists. A stuck document is made with the test hook
 * STEMMA_TEST_STALL_READ.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/stories.js';
import { ingest } from './ingest.js';

const para = (topic: string, n: number): string =>
  `The ${topic} council met on day ${n} to settle the matter of the ${topic} budget, and members argued for an hour before the vote was taken.`;
const html = (topic: string): string =>
  `<html><head><title>The ${topic} budget</title></head><body><article><h1>Council settles the ${topic} budget</h1><p>${para(topic, 1)}</p><p>${para(topic, 2)}</p></article></body></html>`;
const TOPICS = ['water', 'roads', 'schools'];

const temp = useTempDir('stemma-read-budget-');
/** Three HTML pages, a Markdown page, a text file and a JSONL corpus of three HTML records. */
function corpus(): string {
  TOPICS.forEach((t, i) => temp.write(`p${i}.html`, html(t)));
  temp.write('notes.md', `# Parks\n\n${para('parks', 1)}\n`);
  temp.write('story.txt', `${para('police', 1)}\n\n${para('police', 2)}\n`);
  const records = TOPICS.map((t, i) => JSON.stringify({ id: `r${i}`, html: html(`${t} ${i}`) }));
  temp.write('corpus.jsonl', `${records.join('\n')}\n`);
  return temp.dir();
}

const core = fileURLToPath(new URL('../..', import.meta.url));
const built = fileURLToPath(new URL('../../dist/ingest/ingest.js', import.meta.url));
const distWorker = fileURLToPath(new URL('../../dist/ingest/read-worker.js', import.meta.url));

afterEach(() => {
  delete process.env['STEMMA_TEST_STALL_READ'];
});

describe('ingest with a reading budget, in-thread (from sources)', () => {
  it('drops a document that overran, with one warning naming it and the stage', async () => {
    const dir = corpus();
    const all = await ingest([dir]);
    process.env['STEMMA_TEST_STALL_READ'] = 'p1.html:2500';
    const warnings: string[] = [];
    const got = await ingest([dir], { docTimeoutMs: 1000, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([`${dir}/p1.html: reading took over 1 s; skipped (--doc-timeout)`]);
    expect(got.docs).toEqual(all.docs.filter((d) => d.id !== 'p1'));
  });
});

describe('ingest with a reading budget, in a worker thread (built)', () => {
  let budgeted: typeof ingest;
  beforeAll(async () => {
    if (!existsSync(distWorker)) execFileSync('npx', ['tsc', '-b', core], { stdio: 'inherit' });
    ({ ingest: budgeted } = (await import(built)) as { ingest: typeof ingest });
  });

  it('reads what in-thread reading reads, in order, when nothing overruns', async () => {
    const dir = corpus();
    const got = await budgeted([dir]);
    expect(got).toEqual(await ingest([dir]));
    expect(got.docs.map((d) => d.id)).toEqual([
      'r0',
      'r1',
      'r2',
      'notes',
      'p0',
      'p1',
      'p2',
      'story',
    ]);
  });

  it('stops a page stuck in synchronous code and goes on with the rest', async () => {
    const dir = corpus();
    const all = await budgeted([dir]);
    // Ten minutes of spinning: only terminating the worker ends it.
    process.env['STEMMA_TEST_STALL_READ'] = 'p0.html:600000';
    const warnings: string[] = [];
    const t0 = performance.now();
    const got = await budgeted([dir], { docTimeoutMs: 3000, onWarning: (m) => warnings.push(m) });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(warnings).toEqual([`${dir}/p0.html: reading took over 3 s; skipped (--doc-timeout)`]);
    expect(got.docs).toEqual(all.docs.filter((d) => d.id !== 'p0'));
  });

  it('drops one stuck record of a corpus and reads the records after it', async () => {
    const dir = corpus();
    const all = await budgeted([dir]);
    process.env['STEMMA_TEST_STALL_READ'] = 'corpus.jsonl:2:600000';
    const warnings: string[] = [];
    const got = await budgeted([dir], { docTimeoutMs: 3000, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      `${dir}/corpus.jsonl:2: reading took over 3 s; skipped (--doc-timeout)`,
    ]);
    expect(got.docs).toEqual(all.docs.filter((d) => d.id !== 'r1'));
  });
});
