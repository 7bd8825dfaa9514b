import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../errors.js';
import { findCandidates, mergeCandidates } from './candidates.js';
import { neighbourIndex } from './exact.js';
import { buildHnswIndex } from './hnsw.js';
import { nearCopy, randomUnitRows } from '../../test/helpers/vectors.js';
import type { ParagraphOwner } from './types.js';

// The real index, watched: which inputs build one.
vi.mock('./exact.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./exact.js')>();
  return { ...actual, neighbourIndex: vi.fn(actual.neighbourIndex) };
});

const D = 24;

/** Builds a corpus from (storyId, docId, vector) rows. */
function corpus(rows: readonly [string, string, Float32Array][]): {
  vectors: Float32Array;
  owners: ParagraphOwner[];
} {
  const vectors = new Float32Array(rows.length * D);
  rows.forEach(([, , v], i) => vectors.set(v, i * D));
  return { vectors, owners: rows.map(([storyId, docId]) => ({ storyId, docId })) };
}

describe('findCandidates', () => {
  const base = randomUnitRows(6, D, 11);
  const p = (i: number): Float32Array => base.subarray(i * D, (i + 1) * D);
  const noise = randomUnitRows(40, D, 12);

  // Story orig#1 (doc orig) has 3 paragraphs; copy#1 copies them closely; the aggregator
  // page agg carries an unrelated story agg#1 and a copy of paragraph 0 in agg#2.
  // Paragraph 3 appears twice on the same page (two stories of doc "dup") — must not pair.
  const rows: [string, string, Float32Array][] = [
    ['orig#1', 'orig', p(0)],
    ['orig#1', 'orig', p(1)],
    ['orig#1', 'orig', p(2)],
    ['copy#1', 'copy', nearCopy(p(0), 0.1, 1)],
    ['copy#1', 'copy', nearCopy(p(1), 0.1, 2)],
    ['copy#1', 'copy', nearCopy(p(2), 0.1, 3)],
    ['agg#1', 'agg', p(4)],
    ['agg#2', 'agg', nearCopy(p(0), 0.2, 4)],
    ['dup#1', 'dup', p(3)],
    ['dup#2', 'dup', p(3)],
    ...Array.from({ length: 40 }, (_, i): [string, string, Float32Array] => [
      `noise${i}#1`,
      `noise${i}`,
      noise.subarray(i * D, (i + 1) * D),
    ]),
  ];
  const { vectors, owners } = corpus(rows);

  it('pairs copied stories with their paragraph matches and aggregate scores', () => {
    const pairs = findCandidates({ vectors, dimensions: D, owners }, { k: 4, minSimilarity: 0.8 });
    const copy = pairs.find((c) => c.a === 'copy#1' && c.b === 'orig#1');
    expect(copy).toBeDefined();
    expect(copy?.hits).toBe(3);
    expect(copy?.matches.map((m) => [m.a, m.b].sort((x, y) => x - y))).toEqual(
      expect.arrayContaining([
        [0, 3],
        [1, 4],
        [2, 5],
      ]),
    );
    expect(copy?.maxSimilarity).toBeGreaterThan(0.98);
    expect(copy?.meanSimilarity).toBeLessThanOrEqual(copy?.maxSimilarity as number);
    // Best pair first.
    expect(pairs[0]).toBe(copy);
    // The aggregator's copy of paragraph 0 links agg#2 to both orig#1 and copy#1.
    expect(pairs.some((c) => c.a === 'agg#2' && c.b === 'orig#1')).toBe(true);
    expect(pairs.some((c) => c.a === 'agg#2' && c.b === 'copy#1')).toBe(true);
  });

  it('never pairs stories of the same document, nor unrelated stories below the floor', () => {
    const pairs = findCandidates({ vectors, dimensions: D, owners }, { k: 4, minSimilarity: 0.8 });
    const docOf = new Map(owners.map((o) => [o.storyId, o.docId]));
    for (const c of pairs) {
      expect(docOf.get(c.a)).not.toBe(docOf.get(c.b));
      expect(c.a < c.b).toBe(true);
      for (const m of c.matches) expect(m.similarity).toBeGreaterThanOrEqual(0.8);
    }
    expect(pairs.some((c) => c.a === 'dup#1' || c.b === 'dup#1')).toBe(false);
    expect(pairs.some((c) => c.a.startsWith('noise') || c.b.startsWith('noise'))).toBe(false);
  });

  it('counts a paragraph pair once even when both ends find each other', () => {
    const pairs = findCandidates({ vectors, dimensions: D, owners }, { k: 8, minSimilarity: 0.8 });
    for (const c of pairs) {
      const keys = c.matches.map((m) => `${m.a}-${m.b}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('looks past many same-document neighbours (filtered fallback)', () => {
    // One page repeats a paragraph 30 times (boilerplate); its one copy elsewhere must still be found.
    const boiler = p(5);
    const many: [string, string, Float32Array][] = [
      ...Array.from({ length: 30 }, (_, i): [string, string, Float32Array] => [
        `big#${i + 1}`,
        'big',
        nearCopy(boiler, 0.01, 100 + i),
      ]),
      ['other#1', 'other', nearCopy(boiler, 0.15, 7)],
      ...Array.from({ length: 20 }, (_, i): [string, string, Float32Array] => [
        `n${i}#1`,
        `n${i}`,
        noise.subarray(i * D, (i + 1) * D),
      ]),
    ];
    const c = corpus(many);
    const pairs = findCandidates(
      { vectors: c.vectors, dimensions: D, owners: c.owners },
      { k: 2, minSimilarity: 0.9 },
    );
    expect(pairs.filter((x) => x.b === 'other#1' || x.a === 'other#1').length).toBeGreaterThan(0);
    // big#1 in particular finds other#1 although its 29 same-page twins are all nearer.
    expect(pairs.some((x) => x.a === 'big#1' && x.b === 'other#1')).toBe(true);
  });

  it('skips zero rows (paragraphs without words)', () => {
    const z = corpus([
      ['a#1', 'a', new Float32Array(D)],
      ['b#1', 'b', new Float32Array(D)],
      ['c#1', 'c', p(0)],
    ]);
    expect(
      findCandidates({ vectors: z.vectors, dimensions: D, owners: z.owners }, { minSimilarity: 0 }),
    ).toEqual([]);
  });

  it('reuses a given index and reports progress to 2n', () => {
    const index = buildHnswIndex(vectors, { dimensions: D });
    const seen: [number, number][] = [];
    const pairs = findCandidates(
      { vectors, dimensions: D, owners },
      { index, minSimilarity: 0.8, onProgress: (a, b) => seen.push([a, b]) },
    );
    expect(pairs.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([2 * owners.length, 2 * owners.length]);
  });

  it('rejects inconsistent input', () => {
    expect(() =>
      findCandidates({ vectors: new Float32Array(D), dimensions: D, owners: [] }),
    ).toThrow(CoreError);
    expect(() => findCandidates({ vectors, dimensions: D, owners }, { k: 0 })).toThrow(
      /positive integer/,
    );
    const other = buildHnswIndex(vectors.subarray(0, 5 * D), { dimensions: D });
    expect(() => findCandidates({ vectors, dimensions: D, owners }, { index: other })).toThrow(
      /covers/,
    );
  });
});

describe('mergeCandidates', () => {
  it('keeps the first list in order, then only the pairs the later lists add, either way round', () => {
    const index = [
      { a: 'x', b: 'y', hits: 3 },
      { a: 'x', b: 'z', hits: 1 },
    ];
    const shared = [
      { a: 'y', b: 'x', shared: 9 },
      { a: 'w', b: 'z', shared: 8 },
      { a: 'w', b: 'z', shared: 8 },
    ];
    expect(mergeCandidates(index, shared)).toEqual([index[0], index[1], shared[1]]);
    expect(mergeCandidates()).toEqual([]);
  });
});

describe('findCandidates on one long page', () => {
  it('finds every paragraph of a short page near a long page (the rows outside it searched on their own)', () => {
    // One long page whose paragraphs are all alike, so each paragraph's
    // nearest are its own page's and the search falls back to the few rows
    // of the other page.
    const base = randomUnitRows(1, D, 31);
    const long = Array.from({ length: 400 }, (_, i) => nearCopy(base, 0.15, 100 + i));
    const short = Array.from({ length: 5 }, (_, i) => nearCopy(base, 0.5, 900 + i));
    const vectors = new Float32Array((long.length + short.length) * D);
    [...long, ...short].forEach((v, i) => vectors.set(v, i * D));
    const owners = [
      ...long.map(() => ({ storyId: 'live#1', docId: 'live' })),
      ...short.map(() => ({ storyId: 'short#1', docId: 'short' })),
    ];
    const floor = 0.5;
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((t, v, j) => t + v * y[j]!, 0);
    // Exactly: each long row's neighbours in the other page are all of its rows above the floor.
    const expected = new Map<string, number>();
    long.forEach((x, i) =>
      short.forEach((y, j) => {
        const sim = dot(x, y);
        if (sim >= floor) expected.set(`${i}:${long.length + j}`, sim);
      }),
    );
    expect(expected.size).toBeGreaterThan(100);
    vi.mocked(neighbourIndex).mockClear();
    const [pair] = findCandidates({ vectors, dimensions: D, owners }, { minSimilarity: floor });
    // The whole index, and the short page's rows on their own.
    expect(neighbourIndex).toHaveBeenCalledTimes(2);
    const found = new Map(pair!.matches.map((m) => [`${m.a}:${m.b}`, m.similarity]));
    for (const [key, sim] of expected) expect(found.get(key), key).toBeCloseTo(sim, 5);
  });

  it('builds no index when fewer than two pages have paragraphs with words', () => {
    const n = 50;
    const vectors = randomUnitRows(n + 1, D, 22);
    vectors.fill(0, n * D); // the other page's only paragraph has no words
    const owners = [
      ...Array.from({ length: n }, () => ({ storyId: 'live#1', docId: 'live' })),
      { storyId: 'other#1', docId: 'other' },
    ];
    const seen: [number, number][] = [];
    vi.mocked(neighbourIndex).mockClear();
    const pairs = findCandidates(
      { vectors, dimensions: D, owners },
      { minSimilarity: -1, onProgress: (a, b) => seen.push([a, b]) },
    );
    expect(pairs).toEqual([]);
    expect(neighbourIndex).not.toHaveBeenCalled();
    expect(seen).toEqual([[2 * (n + 1), 2 * (n + 1)]]);
  });

  it('does not search the whole index for each paragraph when no other page has any (linear, not quadratic)', () => {
    const n = 6000;
    const vectors = randomUnitRows(n, D, 21);
    const owners = Array.from({ length: n }, () => ({ storyId: 'live#1', docId: 'live' }));
    const t0 = performance.now();
    expect(findCandidates({ vectors, dimensions: D, owners })).toEqual([]);
    // Before: every paragraph's filtered search visited all rows (10 000 paragraphs: 30 s).
    expect(performance.now() - t0).toBeLessThan(8_000);
  });
});
