/**
 * Maximum-weight spanning arborescence (Chu-Liu/Edmonds). Given candidate
 * derivation edges weighted by how strongly each is supported, it picks one
 * parent per node so that the total support is largest and no cycle forms:
 * the lineage forest, once a virtual root stands for "no parent in corpus".
 */

export interface WeightedEdge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

interface Work {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  /** Index into the caller's edge list. */
  readonly id: number;
}

/**
 * Returns, for every node other than `root` that some edge reaches, the index
 * (into `edges`) of its chosen incoming edge. Nodes are 0..n-1. Ties go to the
 * earlier edge in the list, so results are deterministic.
 * @throws RangeError when an edge names a node outside 0..n-1.
 */
export function maximumArborescence(
  n: number,
  root: number,
  edges: readonly WeightedEdge[],
): Map<number, number> {
  for (const e of edges) {
    if (e.from < 0 || e.from >= n || e.to < 0 || e.to >= n)
      throw new RangeError(`edge ${e.from}->${e.to} outside 0..${n - 1}`);
  }
  const work = edges
    .map((e, id) => ({ from: e.from, to: e.to, weight: e.weight, id }))
    .filter((e) => e.to !== root && e.from !== e.to);
  const chosen = solve(n, root, work);
  const out = new Map<number, number>();
  for (const id of chosen) out.set(edges[id]!.to, id);
  return out;
}

function solve(n: number, root: number, edges: readonly Work[]): number[] {
  // Best incoming edge per node.
  const best = new Array<Work | undefined>(n);
  for (const e of edges) {
    const cur = best[e.to];
    if (!cur || e.weight > cur.weight) best[e.to] = e;
  }
  // Find cycles among the chosen edges.
  const cycleOf = new Array<number>(n).fill(-1);
  const state = new Array<number>(n).fill(0); // 0 unseen, 1 on path, 2 done
  let cycles = 0;
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    const path: number[] = [];
    let v = start;
    while (v !== root && state[v] === 0 && best[v]) {
      state[v] = 1;
      path.push(v);
      v = best[v]!.from;
    }
    if (v !== root && state[v] === 1) {
      // v..end of path is a cycle.
      for (let k = path.indexOf(v); k < path.length; k++) cycleOf[path[k]!] = cycles;
      cycles++;
    }
    for (const p of path) state[p] = 2;
  }
  if (cycles === 0) return best.filter((e): e is Work => e !== undefined).map((e) => e.id);

  // Contract: every cycle becomes one node; other nodes keep their own.
  const newId = new Array<number>(n);
  let next = 0;
  const cycleNode: number[] = [];
  for (let c = 0; c < cycles; c++) cycleNode.push(next++);
  for (let v = 0; v < n; v++) newId[v] = cycleOf[v]! >= 0 ? cycleNode[cycleOf[v]!]! : next++;
  const contracted: (Work & { orig: Work })[] = [];
  for (const e of edges) {
    const u = newId[e.from]!;
    const v = newId[e.to]!;
    if (u === v) continue;
    const into = cycleOf[e.to]! >= 0 ? e.weight - best[e.to]!.weight : e.weight;
    contracted.push({ from: u, to: v, weight: into, id: contracted.length, orig: e });
  }
  const sub = solve(next, newId[root]!, contracted);
  const result = new Set<number>();
  const enteredCycleAt = new Map<number, number>();
  for (const cid of sub) {
    const ce = contracted[cid]!;
    result.add(ce.orig.id);
    if (cycleOf[ce.orig.to]! >= 0) enteredCycleAt.set(cycleOf[ce.orig.to]!, ce.orig.to);
  }
  // Inside each cycle, keep every cycle edge but the one into the entry node.
  for (let v = 0; v < n; v++) {
    const c = cycleOf[v]!;
    if (c < 0) continue;
    if (enteredCycleAt.get(c) === v) continue;
    result.add(best[v]!.id);
  }
  return [...result];
}
