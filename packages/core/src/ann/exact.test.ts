import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { dot } from '../util/vector.js';
import { EXACT_ROWS, exactIndex, neighbourIndex } from './exact.js';
import { buildHnswIndex } from './hnsw.js';
import { randomUnitRows } from '../../test/helpers/vectors.js';

const D = 24;
const row = (m: Float32Array, i: number): Float32Array => m.subarray(i * D, (i + 1) * D);

describe('exactIndex', () => {
  it('gives the true nearest rows, nearest first, with their cosines', () => {
    const n = 300;
    const rows = randomUnitRows(n, D, 5);
    const index = exactIndex(rows, D);
    const queries = randomUnitRows(20, D, 6);
    for (let q = 0; q < 20; q++) {
      const query = row(queries, q);
      const truth = Array.from({ length: n }, (_, j) => [j, dot(query, row(rows, j))] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10);
      const r = index.search(query, { k: 10 });
      expect(r.labels).toEqual(truth.map(([j]) => j));
      r.similarities.forEach((s, t) => expect(s).toBeCloseTo(truth[t]?.[1] as number, 5));
    }
  });

  it('answers as an HNSW graph does when the graph searches every row', () => {
    const rows = randomUnitRows(EXACT_ROWS, D, 8);
    const graph = buildHnswIndex(rows, { dimensions: D });
    const exact = exactIndex(rows, D);
    const queries = randomUnitRows(30, D, 9);
    const filter = (label: number) => label % 3 !== 0;
    for (let q = 0; q < 30; q++) {
      const query = row(queries, q);
      expect(exact.search(query, { k: 12 })).toEqual(graph.search(query, { k: 12, ef: 64 }));
      expect(exact.search(query, { k: 12, filter })).toEqual(
        graph.search(query, { k: 12, ef: 64, filter }),
      );
    }
    expect(exact.knn(rows, { k: 5 })).toEqual(graph.knn(rows, { k: 5, ef: 64 }));
  });

  it('finds nothing in an empty matrix and rejects a ragged one', () => {
    expect(exactIndex(new Float32Array(0), D).search(new Float32Array(D), { k: 3 })).toEqual({
      labels: [],
      similarities: [],
    });
    expect(() => exactIndex(new Float32Array(D + 1), D)).toThrow(CoreError);
  });
});

describe('neighbourIndex', () => {
  it('searches up to EXACT_ROWS rows exactly and builds a graph above', () => {
    const small = neighbourIndex(randomUnitRows(EXACT_ROWS, D, 1), { dimensions: D });
    const large = neighbourIndex(randomUnitRows(EXACT_ROWS + 1, D, 1), { dimensions: D });
    expect('save' in small).toBe(false);
    expect('save' in large).toBe(true);
    expect(large.size).toBe(EXACT_ROWS + 1);
  });
});
