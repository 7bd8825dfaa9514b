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

/**
 * One level of the recursion: its edges as columns (a content farm's lineage
 * contracts one cycle per level, a hundred levels over 40,000 edges, and an
 * object per edge per level cost seconds, most of it garbage collection).
 * `id` is what the level's caller knows the edge by.
 */
interface Level {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
  readonly id: Int32Array;
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
  const kept: number[] = [];
  edges.forEach((e, id) => {
    if (e.to !== root && e.from !== e.to) kept.push(id);
  });
  const level: Level = {
    from: Int32Array.from(kept, (id) => edges[id]!.from),
    to: Int32Array.from(kept, (id) => edges[id]!.to),
    weight: Float64Array.from(kept, (id) => edges[id]!.weight),
    id: Int32Array.from(kept),
  };
  const chosen = solve(n, root, level);
  const out = new Map<number, number>();
  for (const id of chosen) out.set(edges[id]!.to, id);
  return out;
}

function solve(n: number, root: number, edges: Level): number[] {
  const { from, to, weight, id } = edges;
  const m = from.length;
  // Best incoming edge per node (its position in this level's columns), -1 for none.
  const best = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) {
    const cur = best[to[k]!]!;
    if (cur < 0 || weight[k]! > weight[cur]!) best[to[k]!] = k;
  }
  // Find cycles among the chosen edges.
  const cycleOf = new Int32Array(n).fill(-1);
  const state = new Uint8Array(n); // 0 unseen, 1 on path, 2 done
  let cycles = 0;
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    path.length = 0;
    let v = start;
    while (v !== root && state[v] === 0 && best[v]! >= 0) {
      state[v] = 1;
      path.push(v);
      v = from[best[v]!]!;
    }
    if (v !== root && state[v] === 1) {
      // v..end of path is a cycle.
      for (let k = path.indexOf(v); k < path.length; k++) cycleOf[path[k]!] = cycles;
      cycles++;
    }
    for (const p of path) state[p] = 2;
  }
  if (cycles === 0) {
    const out: number[] = [];
    for (let v = 0; v < n; v++) if (best[v]! >= 0) out.push(id[best[v]!]!);
    return out;
  }

  // Contract: every cycle becomes one node; other nodes keep their own.
  const newId = new Int32Array(n);
  let next = cycles;
  for (let v = 0; v < n; v++) newId[v] = cycleOf[v]! >= 0 ? cycleOf[v]! : next++;
  // The contracted edges, in order; `orig` holds each one's position here.
  let size = 0;
  for (let k = 0; k < m; k++) if (newId[from[k]!] !== newId[to[k]!]) size++;
  const orig = new Int32Array(size);
  const contracted: Level = {
    from: new Int32Array(size),
    to: new Int32Array(size),
    weight: new Float64Array(size),
    id: new Int32Array(size),
  };
  for (let k = 0, c = 0; k < m; k++) {
    const u = newId[from[k]!]!;
    const v = newId[to[k]!]!;
    if (u === v) continue;
    const t = to[k]!;
    orig[c] = k;
    contracted.from[c] = u;
    contracted.to[c] = v;
    contracted.weight[c] = cycleOf[t]! >= 0 ? weight[k]! - weight[best[t]!]! : weight[k]!;
    contracted.id[c] = c;
    c++;
  }
  const sub = solve(next, newId[root]!, contracted);
  // No edge is added twice: the sub-solution's edges join different nodes
  // here, a cycle's edges join nodes of one, and each node has one best edge.
  const result: number[] = [];
  const enteredCycleAt = new Map<number, number>();
  for (const cid of sub) {
    const k = orig[cid]!;
    result.push(id[k]!);
    if (cycleOf[to[k]!]! >= 0) enteredCycleAt.set(cycleOf[to[k]!]!, to[k]!);
  }
  // Inside each cycle, keep every cycle edge but the one into the entry node.
  for (let v = 0; v < n; v++) {
    const c = cycleOf[v]!;
    if (c < 0) continue;
    if (enteredCycleAt.get(c) === v) continue;
    result.push(id[best[v]!]!);
  }
  return result;
}
