/**
 * `npm run bench -- graph --index DIR`: how other HNSW graphs would do on
 * an index's own vectors. For each degree / build beam asked for
 * (`--graphs 16/100,24/100`), builds a graph afresh over the stored
 * vectors (core's `indexRecall` with `rebuild`; the index is not changed)
 * and prints its build time and recall@10 against exact search at each ef
 * of `--ef-sweep`, with the time a search takes. The stored graph is M 16,
 * efConstruction 100 (core store/vector-file.ts); the join that finds a
 * write's groups searches at ef 64, `stemma query` at its size's ef.
 */

import { indexRecall } from '@stemma/core';

export interface GraphBenchOptions {
  readonly index: string;
  /** Graphs to build: degree (hnswlib M) and build beam (efConstruction) each. */
  readonly graphs: readonly { readonly m: number; readonly efConstruction: number }[];
  /** The efs to measure each graph at. */
  readonly efSweep: readonly number[];
  /** Stored vectors sampled as queries. */
  readonly queries: number;
  readonly print: (line: string) => void;
}

/**
 * Parses `16/100,24/100` into graphs.
 * @throws Error naming the flag when a graph is not two positive integers.
 */
export function parseGraphs(spec: string): { m: number; efConstruction: number }[] {
  return spec.split(',').map((g) => {
    const [m, efConstruction, more] = g.split('/').map(Number);
    if (
      more !== undefined ||
      !Number.isInteger(m) ||
      !Number.isInteger(efConstruction) ||
      m! < 2 ||
      efConstruction! < 1
    )
      throw new Error(`--graphs: "${g}" is not M/efConstruction (e.g. 16/100)`);
    return { m: m!, efConstruction: efConstruction! };
  });
}

export async function runGraphBench(o: GraphBenchOptions): Promise<void> {
  for (const g of o.graphs) {
    const r = await indexRecall(o.index, {
      queries: o.queries,
      sweep: [...o.efSweep],
      rebuild: g,
    });
    const perSearch = (ms: number) => `${(ms / Math.max(1, r.queries)).toFixed(2)} ms`;
    o.print(
      `M ${g.m}, efConstruction ${g.efConstruction}`.padEnd(29) +
        `built in ${((r.rebuilt?.buildMs ?? 0) / 1000).toFixed(1)} s over ${r.vectors} vectors; ` +
        `recall@${r.k} over ${r.queries} stored vectors (exact search ${(r.exactMs / 1000).toFixed(1)} s)`,
    );
    for (const s of [{ ef: r.ef, recall: r.recall, annMs: r.annMs }, ...r.sweep])
      o.print(
        `  at ef ${s.ef}`.padEnd(29) + `${s.recall.toFixed(4)}   ${perSearch(s.annMs)} a search`,
      );
  }
}
