/**
 * The index commands that need no encoder and no pipeline (stats, verify,
 * repair): a light entry point, `@stemma/core/store`, so they start without
 * loading TF.js. `indexRemove` re-draws the lineage of what is left, so it
 * lives with the pipeline's operations.
 */

import { expectKnownOptions, expectOptions, expectString, rules } from '../args.js';
import { seededRandom } from '../util/random.js';
import { buildHnswIndex } from '../ann/index.js';
import { exactTopK, recallAtK } from './recall.js';
import { IndexStore, mapDbError } from './store.js';
import type { IndexRecall, IndexStats, VerifyResult } from './types.js';
import { efAmong } from './vector-file.js';

/** Opens the index, runs `work`, closes it; SQLite's corruption errors become INDEX_DATABASE_DAMAGED. */
export async function withIndex<T>(
  dir: string,
  mode: { write: boolean; create?: boolean },
  work: (store: IndexStore) => Promise<T> | T,
): Promise<T> {
  const store = await IndexStore.open(dir, mode);
  try {
    return await work(store);
  } catch (error) {
    throw mapDbError(dir, error);
  } finally {
    store.close();
  }
}

/**
 * Counts and sizes of an index.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexStats(dir: string): Promise<IndexStats> {
  expectString(dir, 'indexStats: dir');
  return withIndex(dir, { write: false }, (store) => store.stats());
}

/**
 * Checks the database's integrity and that the vector file matches it; never changes anything.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexVerify(dir: string): Promise<VerifyResult> {
  expectString(dir, 'indexVerify: dir');
  return withIndex(dir, { write: false }, (store) => store.verify());
}

/**
 * Rebuilds the vector file from the vectors stored in the database.
 * @throws CoreError INDEX_MISSING, INDEX_LOCKED, INDEX_FOREIGN,
 *   INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexRepair(
  dir: string,
): Promise<{ readonly vectors: number; readonly generation: number }> {
  expectString(dir, 'indexRepair: dir');
  return withIndex(dir, { write: true }, (store) => ({
    ...store.repair(),
    generation: store.generation,
  }));
}

/**
 * Recall@k of the stored HNSW graph against exact (brute-force cosine)
 * search, over a seeded sample of stored vectors used as queries (each finds
 * itself in both). Searches as `stemma query` does; never changes anything.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED,
 *   INDEX_VECTORS_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexRecall(
  dir: string,
  options: {
    readonly queries?: number;
    readonly k?: number;
    readonly seed?: number;
    /** The search's ef instead of the one `stemma query` uses (a diagnostic). */
    readonly ef?: number;
    /** More efs to measure at, over the same queries and their exact neighbours (a diagnostic). */
    readonly sweep?: readonly number[];
    /**
     * Measures a graph built afresh over the stored vectors with this
     * degree (hnswlib M) and build beam instead of the stored graph: what
     * another graph would give on this corpus (a diagnostic; nothing is
     * written). Its default ef follows its size by the stored graph's rule.
     */
    readonly rebuild?: { readonly m: number; readonly efConstruction: number };
  } = {},
): Promise<IndexRecall> {
  expectString(dir, 'indexRecall: dir');
  const known = {
    queries: rules.positiveInt,
    k: rules.positiveInt,
    seed: rules.finite,
    ef: rules.positiveInt,
    sweep: rules.positiveIntArray,
    rebuild: rules.object,
  };
  expectOptions(options, 'indexRecall: options', known);
  expectKnownOptions(options, 'indexRecall: options', Object.keys(known));
  const k = options.k ?? 10;
  return withIndex(dir, { write: false }, (store) => {
    const { rows, dimensions: d } = store.vectors();
    const n = d === 0 ? 0 : rows.length / d;
    for (let i = 0; i < n; i++) {
      const v = rows.subarray(i * d, (i + 1) * d);
      const norm = Math.hypot(...v);
      if (norm > 0) for (let j = 0; j < d; j++) v[j] = v[j]! / norm;
    }
    // A seeded sample without repeats (partial Fisher–Yates over the row numbers).
    const order = Array.from({ length: n }, (_, i) => i);
    const rnd = seededRandom(options.seed ?? 1);
    const q = Math.min(options.queries ?? 1000, n);
    for (let i = 0; i < q; i++) {
      const j = i + Math.floor(rnd() * (n - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rebuild = options.rebuild;
    let rebuilt: IndexRecall['rebuilt'];
    let search: ((query: Float32Array, ef: number | undefined) => readonly number[]) | null = null;
    let efOf = (ef: number | undefined) => ef ?? 0;
    if (n > 0 && rebuild !== undefined) {
      const t0 = performance.now();
      const fresh = buildHnswIndex(rows, {
        dimensions: d,
        m: rebuild.m,
        efConstruction: rebuild.efConstruction,
      });
      rebuilt = { ...rebuild, buildMs: performance.now() - t0 };
      efOf = (ef) => efAmong(k, n, ef);
      search = (query, ef) => fresh.search(query, { k, ef: efOf(ef) }).similarities;
    } else if (n > 0) {
      const graph = store.graph();
      efOf = (ef) => graph.efFor(k, ef);
      search = (query, ef) => graph.search(query, k, ef).similarities;
    }
    const efs = [options.ef, ...(options.sweep ?? [])];
    const sum = efs.map(() => 0);
    const annMs = efs.map(() => 0);
    let exactMs = 0;
    for (const row of order.slice(0, q)) {
      const query = rows.slice(row * d, (row + 1) * d);
      const t1 = performance.now();
      const exact = exactTopK(query, rows, d, k);
      exactMs += performance.now() - t1;
      efs.forEach((ef, i) => {
        const t0 = performance.now();
        const found = search?.(query, ef) ?? [];
        annMs[i]! += performance.now() - t0;
        sum[i]! += recallAtK(found, exact, k);
      });
    }
    const at = (i: number) => ({
      ef: search === null ? 0 : efOf(efs[i]),
      recall: q === 0 ? 1 : sum[i]! / q,
      annMs: annMs[i]!,
    });
    return {
      ...at(0),
      k,
      queries: q,
      vectors: n,
      exactMs,
      sweep: efs.slice(1).map((_, i) => at(i + 1)),
      ...(rebuilt === undefined ? {} : { rebuilt }),
    };
  });
}
