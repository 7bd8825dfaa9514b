/**
 * `stemma generate` end to end: the corpus, its answer key, nested lost
 * exemplars and batches.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '@stemma/core';
import { scratchFolder, stemma } from './helpers.js';

const run = stemma;

const scratchDir = scratchFolder('stemma-cli-');

describe('stemma generate', () => {
  it('leaves --out a clean corpus and writes the answer key beside it', () => {
    const out = join(scratchDir(), 'synth');
    const gen = run(['generate', '--out', out, '--families', '3', '--seed', '5']);
    expect(gen.code).toBe(0);
    const truthFile = `${out}.truth.json`;
    expect(gen.stderr).toContain(truthFile);
    expect(readdirSync(out).every((f) => /^f\d{3}-[a-z]\.(txt|html)$/.test(f))).toBe(true);
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
      relations: unknown[];
      roots: unknown[];
    };
    expect(truth.relations.length).toBeGreaterThan(0);
    const analyzed = run(['analyze', out, '--strict', '--format', 'json']);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stderr).toBe('');
    const report = JSON.parse(analyzed.stdout) as { documents: unknown[] };
    expect(report.documents).toHaveLength(readdirSync(out).length);
  });

  it('reports a lost exemplar copied from another lost exemplar (seed 1: nested hidden nodes) in every format', () => {
    const out = join(scratchDir(), 'nested-hidden');
    expect(run(['generate', '--out', out, '--families', '10', '--seed', '1', '--quiet']).code).toBe(
      0,
    );
    const analyzed = run(['analyze', out, '--format', 'json']);
    expect(analyzed.code).toBe(0);
    const report = JSON.parse(analyzed.stdout) as {
      relations: { parent: string; child: string; evidence: string[] }[];
    };
    validateReport(report);
    const nested = report.relations.filter((r) => r.child.startsWith('hidden:'));
    expect(nested.length).toBeGreaterThan(0);
    for (const r of nested) expect(r.parent).toMatch(/^hidden:\d+$/);
    expect(JSON.stringify(report)).not.toContain('hidden:?');
  });

  it('writes one answer key beside each batch folder when originals repeat', () => {
    const out = join(scratchDir(), 'batches');
    const gen = run(['generate', '--out', out, '--families', '12', '--quiet']);
    expect(gen.code).toBe(0);
    expect(gen.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual([
      'batch-01',
      'batch-01.truth.json',
      'batch-02',
      'batch-02.truth.json',
    ]);
    for (const b of ['batch-01', 'batch-02'])
      expect(readdirSync(join(out, b)).some((f) => f.endsWith('.json'))).toBe(false);
  });
});
