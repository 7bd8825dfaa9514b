/**
 * A stemma from variant readings, as stemmatics draws one for near-identical
 * copies: every witness is collated word by word against the family's most
 * central text, each departure from it (a substitution, an omission, an
 * addition, a transposition) is a reading, and the set of witnesses sharing
 * a reading is a group. A copy inherits its exemplar's readings and adds its
 * own, so groups nest (agreement in error); the nested groups are the tree.
 * A group whose members all carry readings of their own beyond the group's
 * has no extant exemplar: its common ancestor is lost, a hidden node.
 */

import type { ArrayChange } from 'diff';
import { diffWords } from '../util/word-diff.js';
import { READINGS } from './constants.js';

/** Families of at most this many witnesses keep their collation's diffs for the readings. */
const KEEP_DIFFS = 16;

/** One witness of a family: its words and its date (ms, +∞ when unknown). */
export interface ReadingWitness {
  readonly id: string;
  readonly words: readonly string[];
  readonly date: number;
}

/** A node of the reading tree: an extant witness or a lost exemplar. */
export interface ReadingNode {
  /** Witness id, or null for a lost exemplar. */
  readonly witness: string | null;
  /** Extant witnesses at or below the node. */
  readonly cluster: readonly string[];
  /** Readings shared by exactly the node's cluster (0 for the root). */
  readonly support: number;
}

/** A rooted tree over the witnesses, lost exemplars included. */
export interface ReadingTree {
  readonly nodes: readonly ReadingNode[];
  /** Parent node index per node; -1 for the root. */
  readonly parent: readonly number[];
  /** How the root was chosen. */
  readonly rootedBy: 'dates' | 'readings';
  /** The witness the readings were collated against. */
  readonly center: string;
  /** Readings carried by each witness alone. */
  readonly own: ReadonlyMap<string, number>;
}

export interface ReadingTreeOptions {
  /** Frequency rank of a word (0 = most common), undefined when unknown. */
  readonly rank?: (word: string) => number | undefined;
}

/** A text's words for collation: lower-cased, punctuation dropped. */
export function collationWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '');
}

/**
 * Words the two texts share in one alignment, and the words of each that lie
 * in lacunae: runs of at least `READINGS.lacuna` words the other text lacks
 * with nothing in their place (a lost leaf or an added passage, as
 * `readingsOf` counts them).
 */
function common(parts: readonly ArrayChange<string>[]): {
  readonly shared: number;
  readonly lostA: number;
  readonly lostB: number;
} {
  let shared = 0;
  let lostA = 0;
  let lostB = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      shared += n;
      continue;
    }
    // A removal followed by an addition (or the reverse) is a replacement, not a lacuna.
    const paired = (q: number) => {
      const o = parts[q];
      return o !== undefined && (o.added || o.removed) && o.added !== part.added;
    };
    if (n < READINGS.lacuna || paired(k - 1) || paired(k + 1)) continue;
    if (part.removed) lostA += n;
    else lostB += n;
  }
  return { shared, lostA, lostB };
}

/**
 * The family's most central witness (least words changed to every other) and
 * whether every witness is a near-copy of it: at least `READINGS.minShared`
 * of the shorter text's words outside lacunae in common, so that a witness
 * missing whole sections or adding passages still counts but a rewrite does
 * not.
 */
export function familyCenter(witnesses: readonly ReadingWitness[]): {
  readonly center: number;
  readonly nearCopies: boolean;
} {
  const { center, nearCopies } = collate(witnesses, 0);
  return { center, nearCopies };
}

/** A word diff of two witnesses (`diffArrays`, as `diffWords` gives it: the first's words against the second's). */
type WordDiff = ArrayChange<string>[];

/**
 * Diffs the witnesses pair by pair as {@link familyCenter} does, and keeps
 * the diffs of a family of at most `keep` witnesses (i < j: witness i's
 * words against witness j's) for the readings, which diff the center
 * against each witness again: a family of near-copies is small, a family of
 * hundreds would hold tens of thousands of diffs.
 */
function collate(
  witnesses: readonly ReadingWitness[],
  keep: number,
): {
  readonly center: number;
  readonly nearCopies: boolean;
  readonly diffs: ReadonlyMap<number, WordDiff>;
} {
  const n = witnesses.length;
  const diffs = new Map<number, WordDiff>();
  const cost = new Array<number>(n).fill(0);
  const shared: number[][] = witnesses.map(() => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = witnesses[i]!.words;
      const b = witnesses[j]!.words;
      const parts = diffWords(a, b);
      if (n <= keep) diffs.set(i * n + j, parts);
      const { shared: c, lostA, lostB } = common(parts);
      const changed = a.length + b.length - 2 * c;
      cost[i]! += changed;
      cost[j]! += changed;
      const s = c / Math.max(1, Math.min(a.length - lostA, b.length - lostB));
      shared[i]![j] = s;
      shared[j]![i] = s;
    }
  }
  let center = 0;
  for (let i = 1; i < n; i++) if (cost[i]! < cost[center]!) center = i;
  const nearCopies = shared[center]!.every((s) => s >= READINGS.minShared);
  return { center, nearCopies, diffs };
}

/** What a reading does to the center's words, read from its carriers' side. */
type ReadingKind = 'omit' | 'add' | 'replace';

/**
 * Readings of `w` against the center: a center word dropped or replaced
 * ("-position"), a word added in a gap ("+gap=word"), each with what its
 * carriers did there (left words out, put words in, or put others in their
 * place). A long run of words missing on either side is a lacuna (a lost
 * leaf or an added passage), not a reading.
 */
function readingsOf(
  center: readonly string[],
  w: readonly string[],
  diffed?: WordDiff,
): {
  readonly key: string;
  readonly kind: ReadingKind;
  readonly swap?: readonly [string, string];
}[] {
  const out: { key: string; kind: ReadingKind; swap?: readonly [string, string] }[] = [];
  // The center's diff against `w`, when the family's collation kept it.
  const parts = diffed ?? diffWords(center, w);
  let i = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (!part.added && !part.removed) {
      i += part.value.length;
      continue;
    }
    let removed: string[] = [];
    let added: string[] = [];
    if (part.removed) {
      removed = part.value;
      const next = parts[k + 1];
      if (next?.added) {
        added = next.value;
        k++;
      }
    } else {
      added = part.value;
    }
    const lacuna =
      (removed.length >= READINGS.lacuna && added.length === 0) ||
      (added.length >= READINGS.lacuna && removed.length === 0);
    if (!lacuna) {
      const kind: ReadingKind =
        added.length === 0 ? 'omit' : removed.length === 0 ? 'add' : 'replace';
      // Each center word not kept, and each added word at every gap of the
      // changed stretch, so that a change next to an inherited one leaves the
      // inherited reading's key as it was.
      for (let d = 0; d < removed.length; d++) out.push({ key: `-${i + d}`, kind });
      // A word put for another (one for one) is a swap: the word in, and the center's out.
      const swap =
        removed.length === 1 && added.length === 1
          ? ([removed[0]!, added[0]!] as const)
          : undefined;
      for (let g = i; g <= i + removed.length; g++)
        for (const a of added)
          out.push({ key: `+${g}=${a}`, kind, ...(swap && g === i ? { swap } : {}) });
    }
    i += removed.length;
  }
  return out;
}

/** Whether two groups nest or are disjoint (a tree can hold both). */
function compatible(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both === 0 || both === a.size || both === b.size;
}

/**
 * Draws the stemma of a family of near-copies from their shared readings.
 * Groups are taken in order of support (readings shared by exactly that
 * group), each kept when it nests with those kept before and has at least
 * `READINGS.minSupport` readings; the root is the earliest dated witness,
 * else the central one. Null when the witnesses are not all near-copies of
 * the central one (then readings cannot be told from rewriting).
 * @throws RangeError when fewer than two witnesses are given.
 */
export function readingTree(
  witnesses: readonly ReadingWitness[],
  direction?: (parent: string, child: string) => number | undefined,
  options: ReadingTreeOptions = {},
): ReadingTree | null {
  if (witnesses.length < 2) throw new RangeError('a reading tree needs two witnesses or more');
  const { center: ci, nearCopies, diffs } = collate(witnesses, KEEP_DIFFS);
  if (!nearCopies) return null;
  const center = witnesses[ci]!;
  const carriers = new Map<
    string,
    { ids: string[]; kind: ReadingKind; swap?: readonly [string, string] | undefined }
  >();
  for (const [j, w] of witnesses.entries()) {
    if (w === center) continue;
    const seen = new Set<string>();
    // The collation diffed the center against the witnesses after it, in this order.
    const diffed = j > ci ? diffs.get(ci * witnesses.length + j) : undefined;
    for (const r of readingsOf(center.words, w.words, diffed)) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      const c = carriers.get(r.key) ?? { ids: [], kind: r.kind, swap: r.swap };
      c.ids.push(w.id);
      carriers.set(r.key, c);
    }
  }
  const support = new Map<string, { members: string[]; n: number; lean: number; rare: number }>();
  for (const { ids, kind, swap } of carriers.values()) {
    const key = ids.join('\u0000');
    const g = support.get(key) ?? { members: ids, n: 0, lean: 0, rare: 0 };
    g.n++;
    g.lean += kind === 'omit' ? 1 : kind === 'add' ? -1 : 0;
    if (swap && options.rank) g.rare += rarer(options.rank, swap[0], swap[1]);
    support.set(key, g);
  }
  const own = new Map<string, number>(witnesses.map((w) => [w.id, 0]));
  const ownLean = new Map<string, number>(witnesses.map((w) => [w.id, 0]));
  const ownRare = new Map<string, number>(witnesses.map((w) => [w.id, 0]));
  const groups = [...support.values()]
    .filter((g) => {
      if (g.members.length === 1) {
        own.set(g.members[0]!, g.n);
        ownLean.set(g.members[0]!, g.lean);
        ownRare.set(g.members[0]!, g.rare);
      }
      return g.members.length >= 2 && g.n >= READINGS.minSupport;
    })
    .sort((x, y) => y.n - x.n || x.members.length - y.members.length);
  const kept: { set: Set<string>; n: number; lean: number; rare: number }[] = [];
  for (const g of groups) {
    const set = new Set(g.members);
    if (kept.every((k) => compatible(k.set, set)))
      kept.push({ set, n: g.n, lean: g.lean, rare: g.rare });
  }

  // The tree rooted at the center: each group under the smallest group holding it.
  kept.sort((x, y) => y.set.size - x.set.size);
  const groupParent = kept.map((g, k) => {
    let best = -1;
    for (let j = 0; j < k; j++) {
      const h = kept[j]!;
      if (h.set.size > g.set.size && [...g.set].every((x) => h.set.has(x))) best = j;
    }
    return best;
  });
  // Each witness sits at the smallest group holding it (the center at the top).
  const home = new Map<string, number>();
  for (const w of witnesses) {
    if (w === center) continue;
    let best = -1;
    kept.forEach((g, k) => {
      if (g.set.has(w.id)) best = k;
    });
    home.set(w.id, best);
  }
  const byDate = (a: ReadingWitness, b: ReadingWitness) =>
    a.date - b.date || witnesses.indexOf(a) - witnesses.indexOf(b);
  // Each group is a lost exemplar at first, the witnesses homed there its children.
  const nodes: Draft[] = [
    {
      witness: center.id,
      support: 0,
      lean: 0,
      selfLean: 0,
      rare: 0,
      selfRare: 0,
      group: true,
      removed: false,
    },
  ];
  const parent: number[] = [-1];
  const groupNode = kept.map((g) => {
    nodes.push({
      witness: null,
      support: g.n,
      lean: g.lean,
      selfLean: 0,
      rare: g.rare,
      selfRare: 0,
      group: true,
      removed: false,
    });
    return nodes.length - 1;
  });
  kept.forEach((_, k) => parent.push(groupParent[k]! < 0 ? 0 : groupNode[groupParent[k]!]!));
  for (const w of [...witnesses].sort(byDate)) {
    if (w === center) continue;
    const h = home.get(w.id)!;
    nodes.push({
      witness: w.id,
      support: own.get(w.id)!,
      lean: ownLean.get(w.id)!,
      selfLean: 0,
      rare: ownRare.get(w.id)!,
      selfRare: 0,
      group: false,
      removed: false,
    });
    parent.push(h < 0 ? 0 : groupNode[h]!);
  }
  absorbLost(nodes, parent, own);
  const keep = nodes.flatMap((n, k) => (n.removed ? [] : [k]));
  const renumber = new Map(keep.map((k, j) => [k, j]));
  const compact = keep.map((k) => nodes[k]!);
  const compactParent = keep.map((k) => (parent[k]! < 0 ? -1 : renumber.get(parent[k]!)!));

  const dated = witnesses.filter((w) => Number.isFinite(w.date)).sort(byDate);
  const rootIdx = chooseRoot(compact, compactParent, dated[0]?.id, direction);
  const rerooted = reroot(compactParent, rootIdx);
  return {
    nodes: withClusters(compact, rerooted),
    parent: rerooted,
    rootedBy: dated.length > 0 ? 'dates' : 'readings',
    center: center.id,
    own,
  };
}

/**
 * The root. With dates, the earliest dated witness, since copies come after
 * their exemplars; but a witness whose readings no other text shares cannot
 * be the exemplar of the rest, so when it hangs alone from a lost node, the
 * lost node (undated, so no date says otherwise) is the root, and a lost
 * neighbour is the root when the readings between them say the earliest
 * witness is the copy. Without dates, the node where the swaps' rarer words
 * fall on the copies' side, then the pairwise direction verdicts, agree
 * best; without either, the midpoint of the tree (the node whose farthest
 * witness is nearest, counting readings).
 */
function chooseRoot(
  nodes: readonly {
    readonly witness: string | null;
    readonly support: number;
    readonly lean: number;
    readonly selfLean: number;
    readonly rare: number;
    readonly selfRare: number;
  }[],
  parent: readonly number[],
  earliest: string | undefined,
  direction: ((parent: string, child: string) => number | undefined) | undefined,
): number {
  const adj = nodes.map(() => [] as { to: number; w: number }[]);
  parent.forEach((p, k) => {
    if (p < 0) return;
    adj[k]!.push({ to: p, w: nodes[k]!.support });
    adj[p]!.push({ to: k, w: nodes[k]!.support });
  });
  const rarity = nodes.map((n) => ({ lean: n.rare, selfLean: n.selfRare }));
  if (earliest !== undefined) {
    const r = nodes.findIndex((n) => n.witness === earliest);
    const only = adj[r]!.length === 1 ? adj[r]![0]!.to : -1;
    if (only >= 0 && nodes[only]!.witness === null) return only;
    // Rooting at a lost neighbour instead turns one edge round, and the
    // dates allow it (a lost node has none). The readings on that edge
    // decide: the side whose swaps brought in the rarer words is the copy
    // (a copyist's synonym is seldom the commoner word), and when they do
    // not tell, the side whose departures are more omissions than additions
    // (copyists leave words out more often than they put words in).
    const rare = leanAt(rarity, parent);
    const lean = leanAt(nodes, parent);
    let best = r;
    for (const e of adj[r]!) {
      const k = e.to;
      if (nodes[k]!.witness !== null) continue;
      if (rare(k) > rare(best) || (rare(k) === rare(best) && lean(k) > lean(best))) best = k;
    }
    return best;
  }
  // Without dates, each rooting is read against the readings' swaps (a
  // rooting that has the copies bring in rarer words scores one per swap)
  // and the pairwise direction verdicts, summed over the tree's edges
  // between witnesses: one verdict is often wrong, the sum of a whole tree's
  // much less so. Without either, the midpoint.
  const rareAt = leanAt(rarity, parent);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < nodes.length; r++) {
    let far = 0;
    let votes = 0;
    const stack = [{ v: r, from: -1, d: 0 }];
    while (stack.length) {
      const { v, from, d } = stack.pop()!;
      const w = nodes[v]!.witness;
      if (w) far = Math.max(far, d);
      const up = from >= 0 ? nodes[from]!.witness : null;
      const p = up && w && direction ? direction(up, w) : undefined;
      if (p !== undefined)
        votes += Math.log(Math.min(1 - READINGS.pClip, Math.max(READINGS.pClip, p)));
      for (const e of adj[v]!) if (e.to !== from) stack.push({ v: e.to, from: v, d: d + e.w });
    }
    // The midpoint only breaks ties.
    const score = READINGS.swapWeight * rareAt(r) + votes - far * 1e-9;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Omissions minus additions among the innovations when the tree (rooted at
 * node 0, the center) is rooted at `r` instead: the readings on the path
 * from the center to `r`, and `r`'s own, change sides.
 */
function leanAt(
  nodes: readonly { readonly lean: number; readonly selfLean: number }[],
  parent: readonly number[],
): (r: number) => number {
  const total = nodes.reduce((s, n) => s + n.lean + n.selfLean, 0);
  return (r) => {
    let s = total - 2 * nodes[r]!.selfLean;
    for (let v = r; v >= 0; v = parent[v]!) s -= 2 * nodes[v]!.lean;
    return s;
  };
}

/** +1 when `to` is clearly rarer than `from`, −1 when clearly commoner, else 0. */
function rarer(rank: (word: string) => number | undefined, from: string, to: string): number {
  const a = rank(from);
  const b = rank(to);
  if (a === undefined || b === undefined) return 0;
  const ratio = Math.log((b + 1) / (a + 1));
  return Math.abs(ratio) < Math.log(READINGS.rankRatio) ? 0 : Math.sign(ratio);
}

interface Draft {
  witness: string | null;
  /** Readings on the edge from the node's parent. */
  support: number;
  /**
   * Of those, words the node's side lacks minus words it has beyond the
   * other side (omissions minus additions, if the node's side innovated).
   */
  lean: number;
  /** The same for the witness's own readings when it took a lost exemplar's place. */
  selfLean: number;
  /** Of the edge's swaps, those where the node's side has the rarer word minus those where it has the commoner. */
  rare: number;
  /** The same for the witness's own readings when it took a lost exemplar's place. */
  selfRare: number;
  /** A group's node (else a witness homed in a group). */
  group: boolean;
  removed: boolean;
}

/**
 * A lost exemplar one of whose children departs from it by at most
 * `READINGS.absorb` readings is that child: a witness with no readings of its
 * own is the exemplar of its group, and a few readings its fellow descendants
 * lack are ones a later copyist changed again (the same words touched twice),
 * not the mark of a lost copy. The child takes the lost node's place, the
 * cheapest first; deeper nodes are settled before their parents.
 */
function absorbLost(nodes: Draft[], parent: number[], own: ReadonlyMap<string, number>): void {
  for (let h = nodes.length - 1; h >= 0; h--) {
    const node = nodes[h]!;
    if (node.witness || node.removed) continue;
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    parent.forEach((p, k) => {
      const kid = nodes[k]!;
      if (p !== h || kid.removed || !kid.witness) return;
      // A group's exemplar also carries its own readings, which its group lacks.
      const cost = kid.support + (kid.group ? own.get(kid.witness)! : 0);
      if (cost < bestCost) {
        best = k;
        bestCost = cost;
      }
    });
    if (best < 0 || bestCost > READINGS.absorb) continue;
    node.witness = nodes[best]!.witness;
    node.selfLean = nodes[best]!.lean + nodes[best]!.selfLean;
    node.selfRare = nodes[best]!.rare + nodes[best]!.selfRare;
    nodes[best]!.removed = true;
    parent.forEach((p, k) => {
      if (p === best) parent[k] = h;
    });
  }
}

/** The same tree with `root` as its root: the edges on the path to it turn round. */
function reroot(parent: readonly number[], root: number): number[] {
  const out = [...parent];
  let prev = -1;
  let v = root;
  while (v !== -1) {
    const next = parent[v]!;
    out[v] = prev;
    prev = v;
    v = next;
  }
  return out;
}

/** Nodes with their clusters recomputed for the tree `parent` describes. */
function withClusters(
  nodes: readonly { readonly witness: string | null; readonly support: number }[],
  parent: readonly number[],
): ReadingNode[] {
  const cluster = nodes.map((n) => (n.witness ? [n.witness] : []));
  nodes.forEach((n, k) => {
    if (!n.witness) return;
    for (let v = parent[k]!; v !== -1; v = parent[v]!) cluster[v]!.push(n.witness);
  });
  return nodes.map((n, k) => ({ witness: n.witness, cluster: cluster[k]!, support: n.support }));
}
