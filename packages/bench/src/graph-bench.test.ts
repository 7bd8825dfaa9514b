import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { indexAdd } from '@stemma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraphs, runGraphBench } from './graph-bench.js';

describe('parseGraphs', () => {
  it('reads degree/beam pairs', () => {
    expect(parseGraphs('16/100,24/200')).toEqual([
      { m: 16, efConstruction: 100 },
      { m: 24, efConstruction: 200 },
    ]);
  });

  it('names the flag when a graph is not M/efConstruction', () => {
    for (const bad of ['16', '16/x', '16/100/3', '1/100', '16/0'])
      expect(() => parseGraphs(bad)).toThrow(/--graphs: .* is not M\/efConstruction/);
  });
});

describe('runGraphBench', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stemma-graph-bench-'));
    await indexAdd(join(dir, 'idx'), [resolve(import.meta.dirname, '../../../examples')]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each graph built over the stored vectors with its recall at each ef', async () => {
    const lines: string[] = [];
    await runGraphBench({
      index: join(dir, 'idx'),
      graphs: [{ m: 8, efConstruction: 50 }],
      efSweep: [16],
      queries: 10,
      print: (l) => lines.push(l),
    });
    expect(lines[0]).toMatch(
      /^M 8, efConstruction 50 +built in [\d.]+ s over \d+ vectors; recall@10 over 10 stored/,
    );
    // Few vectors: the graph's search is exhaustive, so recall is 1 at every ef.
    expect(lines.slice(1)).toHaveLength(2);
    for (const l of lines.slice(1)) expect(l).toMatch(/at ef \d+ +1\.0000 +[\d.]+ ms a search$/);
  });
});
