/**
 * `stemma analyze --index` on a generated corpus equals a one-shot analysis
 * of the same pages, added at once or in batches.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, stemma } from './helpers.js';

const scratchDir = scratchFolder('stemma-index-');

/** The report without its generator (the version line), as compared text. */
const body = (json: string) => {
  const report = JSON.parse(json) as Record<string, unknown>;
  delete report['generator'];
  return JSON.stringify(report);
};

describe('analyze --index on a generated corpus', () => {
  it('equals a one-shot analyze of the same pages, added at once or in two batches', () => {
    const corpus = join(scratchDir(), 'gen');
    expect(
      stemma(['generate', '--out', corpus, '--families', '6', '--seed', '2', '--quiet']).code,
    ).toBe(0);
    const files = readdirSync(corpus)
      .sort()
      .map((f) => join(corpus, f));
    const half = Math.floor(files.length / 2);
    const whole = join(scratchDir(), 'gen-whole.idx');
    const batches = join(scratchDir(), 'gen-batches.idx');
    expect(stemma(['index', 'add', corpus, '--index', whole, '-q']).code).toBe(0);
    expect(stemma(['index', 'add', ...files.slice(0, half), '--index', batches, '-q']).code).toBe(
      0,
    );
    expect(stemma(['index', 'add', ...files.slice(half), '--index', batches, '-q']).code).toBe(0);
    const oneShot = stemma(['analyze', corpus, '--quiet']);
    expect(oneShot.code, oneShot.stderr).toBe(0);
    expect(JSON.parse(oneShot.stdout).relations.length).toBeGreaterThan(5);
    for (const idx of [whole, batches]) {
      const stored = stemma(['analyze', '--index', idx, '--quiet']);
      expect(stored.code, stored.stderr).toBe(0);
      expect(body(stored.stdout)).toBe(body(oneShot.stdout));
    }
  });
});
