import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz.js';

// A fixed number of cases, seeded: the same cases on every CI run
// (`npm run fuzz -- --seconds 600` runs as long as asked, with a new seed).
it('reads and segments 300 mutated and generated pages without a throw or an overrun', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stemma-fuzz-test-'));
  try {
    const r = await runFuzz({ seed: 9, cases: 300, budgetMs: 5_000, dir });
    expect(r.failures).toEqual([]);
    expect(r.cases).toBe(300);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
