/**
 * The align stage's worker pool (packages/core/src/relate/pool.ts) end to
 * end: the built binary gives the same report with the pairs judged in
 * worker threads as on the calling thread, a failing worker ends the run
 * with a clear error, and a run through the pool exits promptly (the pool is
 * closed). STEMMA_ALIGN_THREADS=2 turns the pool on; STEMMA_TEST_POOL_MIN_PAIRS
 * moves its break-even: 0 sends every corpus through the workers, a huge
 * number keeps every corpus in-thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root, stemma } from './helpers.js';

const POOLED = { STEMMA_ALIGN_THREADS: '2', STEMMA_TEST_POOL_MIN_PAIRS: '0' };
const IN_THREAD = { STEMMA_ALIGN_THREADS: '2', STEMMA_TEST_POOL_MIN_PAIRS: '1000000000' };

let scratch: string;

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-pool-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** `stemma analyze <dir> --format json` with `env`, timed. */
function analyze(dir: string, env: Record<string, string>, extra: readonly string[] = []) {
  const t0 = Date.now();
  const r = stemma(['analyze', dir, '--format', 'json', ...extra], { env });
  return { ...r, ms: Date.now() - t0 };
}

describe('the align stage in worker threads', () => {
  // The examples are compared below, with --doc-timeout.
  it('gives the in-thread report, byte for byte, on the test fixtures', () => {
    const dir = join(root, 'test/fixtures/corpus');
    const serial = analyze(dir, IN_THREAD);
    const pooled = analyze(dir, POOLED);
    expect(serial.code).toBe(0);
    expect(pooled.code).toBe(0);
    expect(JSON.parse(serial.stdout).relations.length).toBeGreaterThan(0);
    expect(pooled.stdout).toBe(serial.stdout);
  });

  it('gives the in-thread report, byte for byte, on a generated corpus', () => {
    const out = join(scratch, 'generated');
    expect(
      stemma(['generate', '--out', out, '--families', '12', '--seed', '3', '--quiet']).code,
    ).toBe(0);
    const serial = analyze(out, IN_THREAD);
    const pooled = analyze(out, POOLED);
    expect(serial.code).toBe(0);
    expect(JSON.parse(serial.stdout).relations.length).toBeGreaterThan(10);
    expect(pooled.stdout).toBe(serial.stdout);
  });

  it('ends the run with an error naming the align stage when a worker throws, and exits', () => {
    // Every story id of the examples holds "#" (doc#story): every chunk fails.
    const env = { ...POOLED, STEMMA_TEST_FAIL_ALIGN: '#' };
    const failed = analyze(join(root, 'examples'), env);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(
      /align stage: a worker failed on the \d+ pairs from .+: test hook/,
    );
    expect(failed.stdout).toBe('');
    // Without STEMMA_ALIGN_THREADS the pairs are aligned in-thread, where
    // the hook is never read: the same corpus passes.
    const byDefault = { STEMMA_TEST_POOL_MIN_PAIRS: '0', STEMMA_TEST_FAIL_ALIGN: '#' };
    expect(analyze(join(root, 'examples'), byDefault).code).toBe(0);
  });

  it('gives the in-thread report on the examples with --doc-timeout, and exits promptly once the pooled run is done', () => {
    const dir = join(root, 'examples');
    const serial = analyze(dir, IN_THREAD, ['--doc-timeout', '20']);
    const pooled = analyze(dir, POOLED, ['--doc-timeout', '20']);
    expect(pooled.code).toBe(0);
    expect(JSON.parse(serial.stdout).relations.length).toBeGreaterThan(0);
    expect(pooled.stdout).toBe(serial.stdout);
    // A pool left open would keep the process alive until the test's 110 s kill.
    expect(pooled.ms).toBeLessThan(60_000);
  });

  it('reports the align progress as the workers finish, up to every pair', async () => {
    const core = (await import(
      pathToFileURL(join(root, 'packages/core/dist/index.js')).href
    )) as typeof import('@stemma/core');
    const before = process.env['STEMMA_TEST_POOL_MIN_PAIRS'];
    process.env['STEMMA_TEST_POOL_MIN_PAIRS'] = '0';
    // The option, not the environment, turns the pool on here.
    const seen: { done: number; total: number }[] = [];
    try {
      await core.runPipeline([join(root, 'examples')], {
        alignThreads: 2,
        onEvent: (e) => {
          if (e.type === 'stage-progress' && e.stage === 'align')
            seen.push({ done: e.done, total: e.total });
        },
      });
    } finally {
      if (before === undefined) delete process.env['STEMMA_TEST_POOL_MIN_PAIRS'];
      else process.env['STEMMA_TEST_POOL_MIN_PAIRS'] = before;
    }
    expect(seen.length).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(seen.every((s, i) => i === 0 || s.done >= seen[i - 1]!.done)).toBe(true);
  });
});
