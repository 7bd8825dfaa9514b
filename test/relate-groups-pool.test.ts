/**
 * Write-time relating on every core (packages/core/src/store/group-pool.ts)
 * end to end, with the built binary: `stemma index add` stores the same
 * lineage, byte for byte, with the groups related in worker threads as on
 * the calling thread alone, and a failing worker ends the add with a clear
 * error and nothing stored. STEMMA_RELATE_THREADS=1 keeps every group on
 * the calling thread; STEMMA_TEST_RELATE_MIN_PAGES=0 starts the pool
 * whatever the number of pages.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, stemma } from './helpers.js';

const POOLED = { STEMMA_RELATE_THREADS: '2', STEMMA_TEST_RELATE_MIN_PAGES: '0' };
const IN_THREAD = { STEMMA_RELATE_THREADS: '1' };

let scratch: string;
let files: string[];

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-relate-pool-'));
  const corpus = join(scratch, 'gen');
  expect(
    stemma(['generate', '--out', corpus, '--families', '6', '--seed', '2', '--quiet']).code,
  ).toBe(0);
  files = readdirSync(corpus)
    .sort()
    .map((f) => join(corpus, f));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const add = (idx: string, paths: readonly string[], env: Record<string, string>) =>
  stemma(['index', 'add', ...paths, '--index', idx, '--quiet'], { env });
/** The stored lineage as `analyze --index --stored` prints it. */
const stored = (idx: string) => {
  const r = stemma(['analyze', '--index', idx, '--stored', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

describe('relating the groups of an index add in worker threads', () => {
  it('stores the in-thread lineage, byte for byte, adding in two batches', () => {
    const half = files.length >> 1;
    const lineages = [IN_THREAD, POOLED].map((env, n) => {
      const idx = join(scratch, `same-${n}.idx`);
      for (const batch of [files.slice(0, half), files.slice(half)]) {
        const r = add(idx, batch, env);
        expect(r.code, r.stderr).toBe(0);
      }
      return stored(idx);
    });
    const [serial, pooled] = lineages;
    expect(JSON.parse(serial ?? '{}').relations.length).toBeGreaterThan(10);
    expect(pooled).toBe(serial);
  }, 240_000);

  it('ends the add with an error naming the relate stage when a worker throws, storing nothing', () => {
    const idx = join(scratch, 'failing.idx');
    // A few pages each way: the hook fails every group, however many.
    const first = files.slice(0, 8);
    const more = files.slice(8, 16);
    expect(add(idx, first, IN_THREAD).code).toBe(0);
    const before = stored(idx);
    // Every generated page id holds "-" (family-kind-n): every group fails in a worker.
    const failed = add(idx, more, { ...POOLED, STEMMA_TEST_FAIL_RELATE: '-' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(
      /relate stage: a worker failed on \d+ group\(s\) from page .+: test hook STEMMA_TEST_FAIL_RELATE/,
    );
    expect(stored(idx)).toBe(before);
    expect(stemma(['index', 'verify', '--index', idx]).code).toBe(0);
    // On the calling thread the hook is never read: the same pages go in.
    expect(add(idx, more, { ...IN_THREAD, STEMMA_TEST_FAIL_RELATE: '-' }).code).toBe(0);
    expect(stored(idx)).not.toBe(before);
  }, 240_000);
});
