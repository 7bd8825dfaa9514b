/**
 * Queries through a resident reader, as `stemma query a b c …` and
 * `--stdin-paths` ask them: on a generated corpus, every answer equals the
 * one a fresh one-shot `queryIndex` gives for the same page, whatever was
 * asked before it, and says where its time went.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexAdd, openIndexReader, queryIndex, type QueryResult } from '@stemma/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, stemma } from './helpers.js';

let scratch: string;
let idx: string;
/** One page of each family held out of the index (its last), to be asked about. */
let asked: string[];

beforeAll(async () => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-index-query-'));
  const corpus = join(scratch, 'gen');
  expect(
    stemma(['generate', '--out', corpus, '--families', '6', '--seed', '2', '--quiet']).code,
  ).toBe(0);
  const files = readdirSync(corpus).sort();
  const last = new Map(files.map((f) => [f.split('-')[0], f]));
  asked = [...last.values()].map((f) => join(corpus, f));
  const stored = files.filter((f) => !asked.includes(join(corpus, f))).map((f) => join(corpus, f));
  idx = join(scratch, 'idx');
  await indexAdd(idx, stored);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The answer without its timings. */
const answer = (r: QueryResult) => ({ ...r, ms: undefined });

describe('a resident reader answers as one-shot queries do', () => {
  it('every page, asked in order and again in reverse, gets its one-shot answer', async () => {
    const oneShot = new Map<string, QueryResult>();
    for (const page of asked) oneShot.set(page, await queryIndex(idx, page));
    // Most held-out pages find their family (a page can be too far from it to relate).
    const related = [...oneShot.values()].filter((r) => r.parents.length + r.children.length > 0);
    expect(related.length).toBeGreaterThan(asked.length / 2);

    const reader = await openIndexReader(idx);
    try {
      for (const page of [...asked, ...[...asked].reverse()])
        expect(answer(await reader.query(page))).toEqual(answer(oneShot.get(page)!));
    } finally {
      await reader.close();
    }
  }, 120_000);

  it('says where the time went: reading, searching, loading, then each stage of relating', async () => {
    const reader = await openIndexReader(idx);
    try {
      for (const page of asked) {
        const r = await reader.query(page);
        const s = r.ms.stages;
        expect(Object.keys(s).sort()).toEqual(
          [
            'align',
            'embed',
            'index',
            'lineage',
            'load',
            'read',
            'report',
            'search',
            'segment',
          ].sort(),
        );
        for (const v of Object.values(s)) expect(v).toBeGreaterThanOrEqual(0);
        // Relating's steps add up to its time; the five stages are rounded on
        // their own (half a millisecond each at most), and the rest never below 0.
        const relate = s.segment + s.embed + s.index + s.align + s.lineage + s.report;
        expect(relate).toBeGreaterThanOrEqual(r.ms.relate);
        expect(relate - r.ms.relate).toBeLessThanOrEqual(2.5);
        expect(s.read + s.search + s.load).toBeLessThanOrEqual(r.ms.retrieve + 1.5);
      }
    } finally {
      await reader.close();
    }
  }, 60_000);
});
