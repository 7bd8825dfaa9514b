/**
 * `stemma index add/stats/verify/remove` and `stemma analyze --index`, run as
 * users run them: the built binary on the examples. Queries are in
 * index-cli-query.test.ts, damaged indexes in index-errors.test.ts, a
 * generated corpus in index-lineage.test.ts (split so that vitest's two
 * forks share the work).
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, scratchFolder, stemma } from './helpers.js';

const examples = join(root, 'examples');
const scratchDir = scratchFolder('stemma-index-');

/** The report without its generator (the version line), as compared text. */
const body = (json: string) => {
  const report = JSON.parse(json) as Record<string, unknown>;
  delete report['generator'];
  return JSON.stringify(report);
};
const errLines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('stemma index on the examples', () => {
  let idx: string;
  // The index every test here reads is built before them, so that a test run
  // alone (`-t query`) still finds it.
  let first: ReturnType<typeof stemma>;
  beforeAll(() => {
    idx = join(scratchDir(), 'examples.idx');
    first = stemma(['index', 'add', examples, '--index', idx, '--quiet', '--json']);
  });

  it('adds the pages once: a second add reads nothing new into it', () => {
    expect(first.code, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout) as {
      added: unknown[];
      embedded: number;
      duplicateParagraphs: number;
    };
    expect(r.added).toHaveLength(6);
    expect(r.duplicateParagraphs).toBeGreaterThan(0); // the aggregator repeats the original verbatim
    const again = stemma(['index', 'add', examples, '--index', idx, '--quiet', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], embedded: 0, generation: 1 });
    expect((JSON.parse(again.stdout) as { skipped: unknown[] }).skipped).toHaveLength(6);
  });

  it('reports stats and verifies', () => {
    const stats = stemma(['index', 'stats', '--index', idx, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      documents: 6,
      generation: 1,
      schemaVersion: 5,
    });
    const verify = stemma(['index', 'verify', '--index', idx]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/: ok \(generation 1, \d+ vectors, vectors-1\.hnsw\)/);
  });

  it('analyze --index gives the report a one-shot analyze of the same pages gives, in every format', () => {
    const stored = stemma(['analyze', '--index', idx, '--quiet']);
    const oneShot = stemma(['analyze', examples, '--quiet']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(body(stored.stdout)).toBe(body(oneShot.stdout));
    for (const format of ['md', 'html', 'dot']) {
      const r = stemma(['analyze', '--index', idx, '--format', format, '--quiet']);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    const both = stemma(['analyze', examples, '--index', idx]);
    expect(both.code).toBe(2);
    expect(errLines(both.stderr)).toHaveLength(1);
  });

  it('removes a page by id, and says which ids it does not know', () => {
    const copy = join(scratchDir(), 'remove.idx');
    cpSync(idx, copy, { recursive: true });
    const r = stemma(['index', 'remove', 'spun', 'nope', '--index', copy]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/removed 1 page; not found: nope; generation 2/);
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(0);
    const none = stemma(['index', 'remove', 'nope', '--index', copy]);
    expect(none.code).toBe(2);
  });

  // The segment worker of one page spins for 10 minutes; the budget stops it.
  it('index add drops a page whose segmenting overruns --doc-timeout, with one warning, and stores the rest', () => {
    const target = join(scratchDir(), 'timeout.idx');
    const r = stemma(
      ['index', 'add', examples, '--index', target, '--doc-timeout', '1', '--json'],
      { env: { STEMMA_TEST_STALL_SEGMENT: 'spun.txt:600000' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(errLines(r.stderr)).toContain(
      `stemma: warning: ${join(examples, 'spun.txt')}: segmenting took over 1 s; skipped (--doc-timeout)`,
    );
    const added = (JSON.parse(r.stdout) as { added: { id: string }[] }).added.map((a) => a.id);
    expect(added).not.toContain('spun');
    expect(added.length).toBeGreaterThan(0);
    expect(stemma(['index', 'verify', '--index', target]).code).toBe(0);
  });
});
