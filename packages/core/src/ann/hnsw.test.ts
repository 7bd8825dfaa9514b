import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { dot } from '../util/vector.js';
import { buildHnswIndex, loadHnswIndex } from './hnsw.js';
import { randomUnitRows } from '../../test/helpers/vectors.js';

const D = 16;
const N = 600;
const rows = randomUnitRows(N, D, 7);
const row = (m: Float32Array, i: number): Float32Array => m.subarray(i * D, (i + 1) * D);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemma-hnsw-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Exact top-k by brute force, for recall checks. */
function bruteForce(q: Float32Array, k: number): number[] {
  return Array.from({ length: N }, (_, j) => [j, dot(q, row(rows, j))] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([j]) => j);
}

describe('buildHnswIndex', () => {
  const index = buildHnswIndex(rows, { dimensions: D, seed: 3 });

  it('finds each row as its own nearest neighbour with similarity 1', () => {
    const r = index.knn(rows, { k: 1 });
    for (let i = 0; i < N; i++) {
      expect(r.neighbors[i]).toBe(i);
      expect(r.similarities[i]).toBeCloseTo(1, 5);
    }
  });

  it('agrees with brute force (recall@10 ≥ 0.95) and reports true cosines', () => {
    const queries = randomUnitRows(50, D, 99);
    const r = index.knn(queries, { k: 10, ef: 100 });
    let found = 0;
    for (let q = 0; q < 50; q++) {
      const truth = new Set(bruteForce(row(queries, q), 10));
      for (let j = 0; j < 10; j++) {
        const label = r.neighbors[q * 10 + j] as number;
        if (truth.has(label)) found++;
        expect(r.similarities[q * 10 + j]).toBeCloseTo(dot(row(queries, q), row(rows, label)), 4);
      }
    }
    expect(found / 500).toBeGreaterThanOrEqual(0.95);
  });

  it('pads with -1/NaN when k exceeds the rows', () => {
    const small = buildHnswIndex(rows.subarray(0, 3 * D), { dimensions: D });
    const r = small.knn(row(rows, 0), { k: 5 });
    expect(Array.from(r.neighbors.subarray(3))).toEqual([-1, -1]);
    expect(Number.isNaN(r.similarities[4])).toBe(true);
  });

  it('supports a label filter', () => {
    const r = index.search(row(rows, 0), { k: 5, filter: (label) => label % 2 === 1 });
    expect(r.labels).toHaveLength(5);
    expect(r.labels.every((l) => l % 2 === 1)).toBe(true);
  });

  it('handles an empty matrix', () => {
    const empty = buildHnswIndex(new Float32Array(0), { dimensions: D });
    expect(empty.size).toBe(0);
    expect(empty.search(row(rows, 0), { k: 3 }).labels).toEqual([]);
  });

  it('rejects ragged input and mismatched queries', () => {
    expect(() => buildHnswIndex(new Float32Array(D + 1), { dimensions: D })).toThrow(CoreError);
    expect(() => index.knn(new Float32Array(D - 1), { k: 1 })).toThrow(/whole number/);
    expect(() => index.knn(row(rows, 0), { k: 0 })).toThrow(CoreError);
  });
});

describe('save and load', () => {
  const index = buildHnswIndex(rows, { dimensions: D, seed: 3 });
  const file = path.join(dir, 'paragraphs.hnsw');
  index.save(file);

  it('round-trips: the loaded index gives the same neighbours', () => {
    const loaded = loadHnswIndex(file, { dimensions: D });
    expect(loaded.size).toBe(N);
    const queries = randomUnitRows(20, D, 5);
    const a = index.knn(queries, { k: 8, ef: 64 });
    const b = loaded.knn(queries, { k: 8, ef: 64 });
    expect(Array.from(b.neighbors)).toEqual(Array.from(a.neighbors));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  function damaged(name: string, mangle: (b: Buffer) => Buffer): string {
    const p = path.join(dir, name);
    fs.writeFileSync(p, mangle(Buffer.from(fs.readFileSync(file))));
    return p;
  }

  it.each([
    [
      'a flipped payload byte',
      (b: Buffer) => ((b[200] = (b[200] as number) ^ 0x55), b),
      /checksum mismatch/,
    ],
    ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 100), /header implies/],
    ['a foreign file', () => Buffer.from('{"not": "an index"}'.padEnd(200, ' ')), /bad magic/],
    ['an empty file', () => Buffer.alloc(0), /shorter than the header/],
    [
      'a payload hnswlib rejects (valid checksum)',
      (b: Buffer) => {
        const payload = Buffer.alloc(100);
        const header = Buffer.from(b.subarray(0, 72));
        header.writeDoubleLE(payload.length, 32);
        createHash('sha256').update(payload).digest().copy(header, 40);
        return Buffer.concat([header, payload]);
      },
      /hnswlib cannot read it/,
    ],
  ])('throws INDEX_CORRUPT for %s', (name, mangle, message) => {
    const p = damaged(name.replace(/\W+/g, '-'), mangle);
    let error: unknown;
    try {
      loadHnswIndex(p);
    } catch (e) {
      error = e;
    }
    expect(CoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INDEX_CORRUPT', subject: p });
    expect((error as Error).message).toMatch(message);
  });

  it('throws INDEX_CORRUPT when the dimensions differ from the vectors', () => {
    expect(() => loadHnswIndex(file, { dimensions: D + 1 })).toThrow(
      expect.objectContaining({ code: 'INDEX_CORRUPT' }) as CoreError,
    );
  });

  it('throws INPUT_NOT_FOUND for a missing file', () => {
    expect(() => loadHnswIndex(path.join(dir, 'missing.hnsw'))).toThrow(
      expect.objectContaining({ code: 'INPUT_NOT_FOUND' }) as CoreError,
    );
  });
});
