/**
 * The harness's measures: classification (confusion matrix, per-class
 * precision/recall/F1, accuracy, macro-F1) and lineage trees (directed edge
 * precision/recall, root accuracy, rooted-triplet agreement). Pure functions
 * of predictions and labels; the sets call them only after predicting.
 */

import type { ClassScores, ConfusionMatrix } from './types.js';

/**
 * Confusion matrix of paired labels. `labels` fixes the row order (and by
 * default the column order); predicted labels outside the columns (e.g. a kind no true class accepts) get extra columns
 * only, appended in first-seen order, so rows stay the true classes.
 * @throws RangeError when the two lists differ in length or a true label is not in `labels`.
 */
export function confusionMatrix(
  truth: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
  /** Column order when predictions use other labels than the truth (default: `labels`). */
  columnLabels: readonly string[] = labels,
): ConfusionMatrix & { readonly columns: readonly string[] } {
  if (truth.length !== predicted.length) {
    throw new RangeError(`truth has ${truth.length} items, predictions ${predicted.length}`);
  }
  const columns = [...columnLabels];
  for (const p of predicted) if (!columns.includes(p)) columns.push(p);
  const matrix = labels.map(() => columns.map(() => 0));
  truth.forEach((t, k) => {
    const i = labels.indexOf(t);
    if (i < 0) throw new RangeError(`true label "${t}" is not among ${labels.join(', ')}`);
    matrix[i]![columns.indexOf(predicted[k]!)]!++;
  });
  return { labels, columns, matrix };
}

/**
 * Per-class precision, recall and F1 from a confusion matrix (rows = truth).
 * A class never predicted has precision 0 (and F1 0), as does one with no
 * support: the conservative reading, so macro-F1 is not flattered.
 */
export function classScores(
  cm: ConfusionMatrix & { readonly columns?: readonly string[] },
): ClassScores[] {
  const columns = cm.columns ?? cm.labels;
  return cm.labels.map((label, i) => {
    const j = columns.indexOf(label);
    const row = cm.matrix[i]!;
    const tp = j >= 0 ? row[j]! : 0;
    const support = row.reduce((s, x) => s + x, 0);
    const predictedAs = j >= 0 ? cm.matrix.reduce((s, r) => s + r[j]!, 0) : 0;
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/** Share of items on the diagonal; 0 for an empty matrix. */
export function accuracy(cm: ConfusionMatrix & { readonly columns?: readonly string[] }): number {
  const columns = cm.columns ?? cm.labels;
  let total = 0;
  let right = 0;
  cm.labels.forEach((label, i) => {
    const row = cm.matrix[i]!;
    total += row.reduce((s, x) => s + x, 0);
    const j = columns.indexOf(label);
    if (j >= 0) right += row[j]!;
  });
  return total ? right / total : 0;
}

/** Unweighted mean F1 over the classes that have support. */
export function macroF1(scores: readonly ClassScores[]): number {
  const withSupport = scores.filter((s) => s.support > 0);
  return withSupport.length ? withSupport.reduce((s, c) => s + c.f1, 0) / withSupport.length : 0;
}

/** Everything a classification task reports, in one call. */
export function classification(
  truth: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
  columnLabels: readonly string[] = labels,
) {
  const confusion = confusionMatrix(truth, predicted, labels, columnLabels);
  const classes = classScores(confusion);
  return {
    n: truth.length,
    confusion,
    classes,
    accuracy: accuracy(confusion),
    macroF1: macroF1(classes),
  };
}

// ---------------------------------------------------------------------------
// Trees

/**
 * A forest as a parent map: every node → its parent, or null for a root.
 * Nodes may be absent from the corpus (a source removed on purpose) or
 * predicted hidden sources ("hidden:N"); see `treeMetrics` for how they count.
 */
export type ParentMap = ReadonlyMap<string, string | null>;

/** The parent map of a report's relations over the given nodes (others are roots). */
export function parentMap(
  nodes: Iterable<string>,
  relations: readonly { readonly parent: string; readonly child: string }[],
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const n of nodes) out.set(n, null);
  for (const r of relations) {
    out.set(r.child, r.parent);
    if (!out.has(r.parent)) out.set(r.parent, null);
  }
  return out;
}

/** The label standing for "a source not in the corpus" in scored edges. */
export const HIDDEN = '(hidden)';

export interface TreeMetrics {
  /** Scored edges (see `treeMetrics`) in the truth and in the prediction. */
  readonly trueEdges: number;
  readonly predictedEdges: number;
  /** Predicted edges with the right parent and child. */
  readonly edgePrecision: number;
  readonly edgeRecall: number;
  readonly edgeF1: number;
  /** The same ignoring direction (links right, whichever way round). */
  readonly linkPrecision: number;
  readonly linkRecall: number;
  /** Of predicted edges that link a truly linked pair, the share pointing the right way. */
  readonly directionAccuracy: number;
  /** True trees (≥ 2 observed members) whose root the prediction gets right. */
  readonly trees: number;
  readonly rootAccuracy: number;
  /** Rooted triplets compared, and the share on which the two forests agree. */
  readonly triplets: number;
  readonly tripletAgreement: number;
}

export interface TreeMetricsInput {
  /** The true forest, including nodes absent from the corpus. */
  readonly truth: ParentMap;
  /** The predicted forest over the corpus's nodes, plus any hidden nodes it inferred. */
  readonly predicted: ParentMap;
  /** The nodes that were in the corpus. Default: every node of `truth` that `predicted` knows. */
  readonly observed?: ReadonlySet<string>;
  /** At most this many triplets per true tree, spread evenly (default 2000). */
  readonly maxTripletsPerTree?: number;
}

function rootOf(map: ParentMap, node: string): string {
  let n = node;
  const seen = new Set<string>();
  for (let p = map.get(n); p != null && !seen.has(p); p = map.get(n)) {
    seen.add(n);
    n = p;
  }
  return n;
}

/** Ancestors of a node, itself first, root last. */
function ancestry(map: ParentMap, node: string): string[] {
  const out = [node];
  const seen = new Set(out);
  for (let p = map.get(node); p != null && !seen.has(p); p = map.get(p)) {
    out.push(p);
    seen.add(p);
  }
  return out;
}

/**
 * Rooted triplet of x, y, z in a forest: the pair whose lowest common
 * ancestor is deepest ("xy|z"), or "*" when no pair is closer than another
 * (all three LCAs at one depth, e.g. three children of one parent, or three
 * separate trees). A node is its own ancestor, so in r→a→b, a and b are
 * closer than r. Nodes in different trees have no LCA (depth −1).
 */
export function rootedTriplet(map: ParentMap, x: string, y: string, z: string): string {
  const anc = new Map([x, y, z].map((n) => [n, ancestry(map, n)]));
  const depth = (u: string, v: string) => {
    const au = anc.get(u)!;
    const av = new Set(anc.get(v)!);
    const k = au.findIndex((n) => av.has(n));
    return k < 0 ? -1 : au.length - 1 - k;
  };
  const pairs: [string, number][] = [
    [`${x},${y}|${z}`, depth(x, y)],
    [`${x},${z}|${y}`, depth(x, z)],
    [`${y},${z}|${x}`, depth(y, z)],
  ];
  pairs.sort((p, q) => q[1] - p[1]);
  return pairs[0]![1] > pairs[1]![1] ? pairs[0]![0] : '*';
}

/**
 * Compares a predicted lineage forest with the true one.
 *
 * **Edges** are scored over the corpus's (observed) nodes: each observed
 * child contributes (parent, child) where the parent is the observed parent,
 * or `HIDDEN` when its parent is a node not in the corpus (a true source
 * removed from the corpus; a predicted `hidden:N`). So a predicted edge
 * through a hidden parent counts as right exactly when the child's true
 * parent is missing from the corpus, whichever hidden node is named; and a
 * story hung under a hidden source when its true parent is in the corpus is
 * a wrong edge. Edges into hidden nodes have no observed child and are not
 * scored. Roots contribute no edge.
 *
 * **Root accuracy**: for each true tree with at least two observed members,
 * the predicted tree holding most of them (at least two; ties by name);
 * right when its root is the true root (or, when the true root is not in
 * the corpus, a hidden node).
 *
 * **Rooted-triplet agreement**: over every triple of observed nodes of one
 * true tree, the share whose rooted triplet (which pair is closer, by the
 * depth of their LCA; see `rootedTriplet`) is the same in both forests.
 * Hidden and absent nodes take part as ancestors, not as triplet members.
 */
export function treeMetrics(input: TreeMetricsInput): TreeMetrics {
  const { truth, predicted } = input;
  const observed = input.observed ?? new Set([...truth.keys()].filter((n) => predicted.has(n)));
  const edgeOf = (map: ParentMap, child: string): string | null => {
    const p = map.get(child) ?? null;
    if (p === null) return null;
    return observed.has(p) ? p : HIDDEN;
  };
  const trueEdges = new Set<string>();
  const predEdges = new Set<string>();
  const trueLinks = new Set<string>();
  const link = (p: string, c: string) =>
    p === HIDDEN ? `${HIDDEN}\u0000${c}` : [p, c].sort().join('\u0000');
  for (const c of observed) {
    const t = edgeOf(truth, c);
    if (t !== null) {
      trueEdges.add(`${t}\u0000${c}`);
      trueLinks.add(link(t, c));
    }
    const p = edgeOf(predicted, c);
    if (p !== null) predEdges.add(`${p}\u0000${c}`);
  }
  let right = 0;
  let linked = 0;
  for (const e of predEdges) {
    if (trueEdges.has(e)) right++;
    const [p, c] = e.split('\u0000') as [string, string];
    if (trueLinks.has(link(p, c))) linked++;
  }
  const edgePrecision = predEdges.size ? right / predEdges.size : 0;
  const edgeRecall = trueEdges.size ? right / trueEdges.size : 0;
  const edgeF1 =
    edgePrecision + edgeRecall
      ? (2 * edgePrecision * edgeRecall) / (edgePrecision + edgeRecall)
      : 0;

  // True trees by root, over observed members.
  const members = new Map<string, string[]>();
  for (const n of observed) {
    const r = rootOf(truth, n);
    const list = members.get(r) ?? [];
    list.push(n);
    members.set(r, list);
  }
  let trees = 0;
  let rootsRight = 0;
  let triplets = 0;
  let agree = 0;
  const cap = input.maxTripletsPerTree ?? 2000;
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    trees++;
    const votes = new Map<string, number>();
    for (const n of list) {
      const r = rootOf(predicted, n);
      votes.set(r, (votes.get(r) ?? 0) + 1);
    }
    const [predRoot, held] = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    // A tree the prediction scattered into single nodes has no root to credit.
    const rootRight =
      held >= 2 && (observed.has(root) ? predRoot === root : !observed.has(predRoot));
    if (rootRight) rootsRight++;
    const sorted = [...list].sort();
    const n = sorted.length;
    const total = (n * (n - 1) * (n - 2)) / 6;
    const step = total > cap ? total / cap : 1;
    let k = 0;
    let next = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        for (let l = j + 1; l < n; l++, k++) {
          if (k < next) continue;
          next += step;
          const [x, y, z] = [sorted[i]!, sorted[j]!, sorted[l]!];
          triplets++;
          if (rootedTriplet(truth, x, y, z) === rootedTriplet(predicted, x, y, z)) agree++;
        }
      }
    }
  }
  return {
    trueEdges: trueEdges.size,
    predictedEdges: predEdges.size,
    edgePrecision,
    edgeRecall,
    edgeF1,
    linkPrecision: predEdges.size ? linked / predEdges.size : 0,
    linkRecall: trueEdges.size ? countLinks(predEdges, trueLinks, link) / trueLinks.size : 0,
    directionAccuracy: linked ? right / linked : 0,
    trees,
    rootAccuracy: trees ? rootsRight / trees : 0,
    triplets,
    tripletAgreement: triplets ? agree / triplets : 0,
  };
}

function countLinks(
  predEdges: ReadonlySet<string>,
  trueLinks: ReadonlySet<string>,
  link: (p: string, c: string) => string,
): number {
  const found = new Set<string>();
  for (const e of predEdges) {
    const [p, c] = e.split('\u0000') as [string, string];
    const l = link(p, c);
    if (trueLinks.has(l)) found.add(l);
  }
  return found.size;
}

/** The figures of `treeMetrics` as a task's named figures. */
export function treeFigures(m: TreeMetrics): Record<string, number> {
  return {
    'edge precision': m.edgePrecision,
    'edge recall': m.edgeRecall,
    'edge F1': m.edgeF1,
    'link precision': m.linkPrecision,
    'link recall': m.linkRecall,
    'direction accuracy': m.directionAccuracy,
    'root accuracy': m.rootAccuracy,
    'triplet agreement': m.tripletAgreement,
    'true edges': m.trueEdges,
    'predicted edges': m.predictedEdges,
    triplets: m.triplets,
  };
}

// ---------------------------------------------------------------------------
// Stemmata: ancestry, resolved triplets and lost nodes, by cluster

/**
 * Every node's cluster: the observed nodes at or below it (a node is its own
 * descendant). Nodes with no observed descendant are left out.
 */
export function clusters(map: ParentMap, observed: ReadonlySet<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const n of observed) {
    for (const a of ancestry(map, n)) {
      const c = out.get(a) ?? new Set<string>();
      c.add(n);
      out.set(a, c);
    }
  }
  return out;
}

const clusterKey = (c: ReadonlySet<string>): string => [...c].sort().join('\u0000');

export interface StemmaScores {
  /** Ordered pairs (x, y) of observed nodes with x an ancestor of y, in the truth and in the prediction. */
  readonly trueAncestorPairs: number;
  readonly predictedAncestorPairs: number;
  /** Predicted pairs that are true. */
  readonly ancestorPairsRight: number;
  readonly ancestryPrecision: number;
  readonly ancestryRecall: number;
  /** Triples of observed nodes (within one true tree) that the truth resolves (xy|z). */
  readonly resolvedTriplets: number;
  /** Of those, how many the prediction resolves the same way. */
  readonly tripletsAgreeing: number;
  /** Of those, the share the prediction resolves the same way, and how many it leaves unresolved. */
  readonly resolvedTripletAgreement: number;
  readonly leftUnresolved: number;
  /** True lost nodes (not observed; the true root only with `includeRoot`) and how many a predicted lost node matches by cluster. */
  readonly trueLost: number;
  readonly lostFound: number;
  readonly lostRecall: number;
  /** Predicted nodes not in the corpus, and how many have the cluster of some true node. */
  readonly predictedLost: number;
  readonly predictedLostMatched: number;
  readonly lostPrecision: number;
}

/**
 * Scores a predicted stemma against a true one as stemmatology does:
 * ancestry over ordered pairs of observed nodes; rooted triplets over the
 * triples the truth resolves (see `rootedTriplet`; nodes in different
 * predicted trees count as joined under one virtual root); lost nodes matched
 * by cluster (the observed nodes at or below them). A predicted forest is
 * compared as it is: its roots are its hypothesis of the root.
 */
export function stemmaScores(input: {
  readonly truth: ParentMap;
  readonly predicted: ParentMap;
  readonly observed: ReadonlySet<string>;
  /** Count the true root among the lost nodes when it is not observed (default false). */
  readonly includeRoot?: boolean;
}): StemmaScores {
  const { truth, predicted, observed } = input;
  const ancestorPairs = (map: ParentMap): Set<string> => {
    const out = new Set<string>();
    for (const y of observed)
      for (const x of ancestry(map, y).slice(1)) if (observed.has(x)) out.add(`${x}\u0000${y}`);
    return out;
  };
  const trueAnc = ancestorPairs(truth);
  const predAnc = ancestorPairs(predicted);
  const ancRight = [...predAnc].filter((p) => trueAnc.has(p)).length;

  const nodes = [...observed].sort();
  let resolved = 0;
  let same = 0;
  let unresolved = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      for (let l = j + 1; l < nodes.length; l++) {
        const [x, y, z] = [nodes[i]!, nodes[j]!, nodes[l]!];
        if (rootOf(truth, x) !== rootOf(truth, y) || rootOf(truth, x) !== rootOf(truth, z))
          continue;
        const t = rootedTriplet(truth, x, y, z);
        if (t === '*') continue;
        resolved++;
        const p = rootedTriplet(predicted, x, y, z);
        if (p === t) same++;
        else if (p === '*') unresolved++;
      }
    }
  }

  const trueClusters = clusters(truth, observed);
  const predClusters = clusters(predicted, observed);
  const trueKeys = new Set([...trueClusters.values()].map(clusterKey));
  const predLostKeys = new Set(
    [...predClusters].filter(([n]) => !observed.has(n)).map(([, c]) => clusterKey(c)),
  );
  const trueLost = [...trueClusters].filter(
    ([n]) => !observed.has(n) && (input.includeRoot === true || truth.get(n) != null),
  );
  const lostFound = trueLost.filter(([, c]) => predLostKeys.has(clusterKey(c))).length;
  const predLost = [...predClusters].filter(([n]) => !observed.has(n));
  const predMatched = predLost.filter(([, c]) => trueKeys.has(clusterKey(c))).length;
  return {
    trueAncestorPairs: trueAnc.size,
    predictedAncestorPairs: predAnc.size,
    ancestorPairsRight: ancRight,
    ancestryPrecision: predAnc.size ? ancRight / predAnc.size : 0,
    ancestryRecall: trueAnc.size ? ancRight / trueAnc.size : 0,
    resolvedTriplets: resolved,
    tripletsAgreeing: same,
    resolvedTripletAgreement: resolved ? same / resolved : 0,
    leftUnresolved: unresolved,
    trueLost: trueLost.length,
    lostFound,
    lostRecall: trueLost.length ? lostFound / trueLost.length : 0,
    predictedLost: predLost.length,
    predictedLostMatched: predMatched,
    lostPrecision: predLost.length ? predMatched / predLost.length : 0,
  };
}
