/**
 * Builds the lineage forest from the derived pairs: verbatim copies collapse
 * onto their earliest member, every pair votes for both directions with the
 * weight of its evidence, Chu-Liu/Edmonds keeps the best parent per story, and
 * copies whose source is missing from the corpus get a hidden common parent.
 */

import type { KindDecision, OrientedPair } from '../classify/index.js';
import type { DerivedPair, StoryFacts } from '../relate/index.js';
import type { HiddenNode, LineageTree, Relation, RelationKind } from '../types.js';
import { LINEAGE } from './constants.js';
import { maximumArborescence, type WeightedEdge } from './edmonds.js';
import { numbered, readingFamily } from './reading-lineage.js';
import { collationWords } from './readings.js';
import type { LineageInput, LineageOptions, LineageResult } from './types.js';

/** Kinds that copy mechanically: such a copy adds no reporting of its own. */
const MECHANICAL: ReadonlySet<RelationKind> = new Set(['verbatim', 'spun', 'translated']);

function dateOf(f: StoryFacts | undefined): number {
  const d = f ? Date.parse(f.published ?? f.pagePublished ?? '') : NaN;
  return Number.isFinite(d) ? d : Number.POSITIVE_INFINITY;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Builds relations, hidden nodes and trees.
 * @throws RangeError when a pair names a story that is not in `storyIds`.
 */
export function buildLineage(input: LineageInput, options: LineageOptions = {}): LineageResult {
  const rootWeight = options.rootWeight ?? LINEAGE.rootWeight;
  const order = new Map(input.storyIds.map((id, k) => [id, k]));
  for (const p of input.pairs) {
    if (!order.has(p.a) || !order.has(p.b))
      throw new RangeError(`pair ${p.a}/${p.b} names an unknown story`);
  }

  // Verbatim clusters: the earliest member (by date, then page order) stands for the text.
  const uf = new UnionFind();
  const verbatimPairs = new Set<DerivedPair>();
  for (const p of input.pairs) {
    if (p.forwardKind.kind === 'verbatim' && p.backwardKind.kind === 'verbatim') {
      uf.union(p.a, p.b);
      verbatimPairs.add(p);
    }
  }
  const clusterRep = new Map<string, string>();
  for (const id of input.storyIds) {
    const root = uf.find(id);
    const cur = clusterRep.get(root);
    if (
      cur === undefined ||
      dateOf(input.facts.get(id)) < dateOf(input.facts.get(cur)) ||
      (dateOf(input.facts.get(id)) === dateOf(input.facts.get(cur)) &&
        order.get(id)! < order.get(cur)!)
    ) {
      clusterRep.set(root, id);
    }
  }
  const isRep = (id: string) => clusterRep.get(uf.find(id)) === id;

  // Connected components of the pair graph: Edmonds runs on each separately,
  // so the cost grows with the largest family, not with the corpus.
  const comp = new UnionFind();
  for (const p of input.pairs) comp.union(p.a, p.b);
  const byComponent = new Map<string, DerivedPair[]>();
  for (const p of input.pairs) {
    const c = comp.find(p.a);
    const list = byComponent.get(c) ?? [];
    list.push(p);
    byComponent.set(c, list);
  }

  const relations: Relation[] = [];
  /** Families of near-copies drawn from their variant readings, numbered after the rest. */
  const fromReadings: { relations: Relation[]; hidden: HiddenNode[] }[] = [];
  const parentOf = new Map<string, string>();
  /** Share of the parent's paragraphs aligned, per child. */
  const parentCoverage = new Map<string, number>();
  for (const pairs of byComponent.values()) {
    const nodes = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort(
      (x, y) => order.get(x)! - order.get(y)!,
    );
    // Verbatim copies of one text (relate's verdict, and the same words below
    // the headline) fold onto the earliest (by date, then page order): it
    // stands for the text in the reading tree, and the others hang under it.
    // Copies relate calls verbatim that differ in a few words stay apart:
    // those words are readings.
    const texts = input.texts;
    const body = (id: string) => collationWords(texts?.get(id)?.replace(/^[^\n]*\n?/, '') ?? '');
    const identical = new Set(
      pairs.filter((p) => verbatimPairs.has(p) && body(p.a).join(' ') === body(p.b).join(' ')),
    );
    const same = new UnionFind();
    for (const p of identical) same.union(p.a, p.b);
    const first = new Map<string, string>();
    for (const id of [...nodes].sort(
      (x, y) =>
        dateOf(input.facts.get(x)) - dateOf(input.facts.get(y)) || order.get(x)! - order.get(y)!,
    ))
      if (!first.has(same.find(id))) first.set(same.find(id), id);
    const repOf = (id: string) => first.get(same.find(id))!;
    const reps = nodes.filter((id) => repOf(id) === id);
    const copies = verbatimCopies(nodes, pairs, identical, (id) => repOf(id) === id, repOf);
    const family = texts
      ? readingFamily(reps, pairs, texts, input.facts, dateOf, rootWeight, copies, options.rank)
      : null;
    if (family) {
      fromReadings.push({ relations: [...family.relations], hidden: [...family.hidden] });
      continue;
    }
    const idx = new Map(nodes.map((id, k) => [id, k + 1]));
    const edges: WeightedEdge[] = [];
    const edgeInfo: {
      pair: OrientedPair | undefined;
      kind: KindDecision | undefined;
      p: number;
      strength: number;
      /** P(derived) of the pair (relate's fitted verdict). */
      derived: number;
      evidence: string[];
    }[] = [];
    /** Tie-breakers added after the caps, so they stay tie-breakers. */
    const bonuses: number[] = [];
    const add = (
      from: string,
      to: string,
      [pair, kind]: readonly [OrientedPair, KindDecision],
      p: number,
      strength: number,
      evidence: string[],
      derived: number,
    ) => {
      // A verbatim copy's representative is preferred as the parent of other copies.
      bonuses.push(isRep(from) ? LINEAGE.representativeBonus : 0);
      edges.push({ from: idx.get(from)!, to: idx.get(to)!, weight: strength * p });
      edgeInfo.push({ pair, kind, p, strength, derived, evidence });
    };
    for (const n of nodes) {
      bonuses.push(0);
      edges.push({ from: 0, to: idx.get(n)!, weight: rootWeight });
      edgeInfo.push({
        pair: undefined,
        kind: undefined,
        p: 0,
        strength: 0,
        derived: 0,
        evidence: [],
      });
    }
    for (const p of pairs) {
      const forward = [p.forward, p.forwardKind] as const;
      const backward = [p.backward, p.backwardKind] as const;
      const ev = (forA: boolean) =>
        p.direction.evidence.map((e) =>
          Math.sign(e.weight) === (forA ? 1 : -1) ? `for: ${e.text}` : `against: ${e.text}`,
        );
      if (verbatimPairs.has(p) && (isRep(p.a) || isRep(p.b))) {
        // Within a verbatim cluster the representative is the parent.
        const aFirst = isRep(p.a);
        const dates =
          'verbatim copy: the earliest copy (by date, then page order) stands as the source';
        add(
          aFirst ? p.a : p.b,
          aFirst ? p.b : p.a,
          aFirst ? forward : backward,
          1,
          p.strength + 1,
          [dates],
          p.probability,
        );
        continue;
      }
      add(p.a, p.b, forward, p.direction.pAB, p.strength, ev(true), p.probability);
      add(p.b, p.a, backward, 1 - p.direction.pAB, p.strength, ev(false), p.probability);
    }
    capUninformativeParents(edges, edgeInfo);
    edges.forEach((e, k) => {
      if (bonuses[k]) edges[k] = { ...e, weight: e.weight + bonuses[k]! };
    });
    const chosen = maximumArborescence(nodes.length + 1, 0, edges);
    for (const [, edgeId] of chosen) {
      const e = edges[edgeId]!;
      const info = edgeInfo[edgeId]!;
      if (e.from === 0 || !info.pair || !info.kind) continue;
      const pair = info.pair;
      const decision = info.kind;
      parentOf.set(pair.child, pair.parent);
      parentCoverage.set(pair.child, pair.parentCoverage);
      relations.push({
        parent: pair.parent,
        child: pair.child,
        kind: decision.kind,
        // P(derived) × P(this direction): the chance the edge is right as drawn.
        confidence: round(info.derived * info.p),
        scores: pair.scores,
        alignment: pair.alignment,
        evidence: [`kind: ${decision.why}`, ...info.evidence],
      });
    }
  }

  const hidden = inferHidden(relations, input, parentOf, parentCoverage);
  for (const family of fromReadings) {
    const base = hidden.length;
    const id = (x: string) => numbered(x, base);
    // Evidence and reasons name lost exemplars by their placeholders too.
    const text = (s: string) => s.replace(/hidden:\?\d+/g, (x) => id(x));
    for (const r of family.relations)
      relations.push({
        ...r,
        parent: id(r.parent),
        child: id(r.child),
        evidence: r.evidence.map(text),
      });
    for (const h of family.hidden)
      hidden.push({ ...h, id: id(h.id), children: h.children.map(id), reason: text(h.reason) });
  }
  const trees = buildTrees(input.storyIds, relations);
  relations.sort((x, y) => (order.get(x.child) ?? 0) - (order.get(y.child) ?? 0));
  return { relations, hidden, trees };
}

/**
 * The edges that hang a family's verbatim copies under their representative:
 * each cluster is walked breadth-first from the representative along its
 * verbatim pairs (earlier members first), so a copy hangs under the
 * representative when relate judged that pair, else under the cluster member
 * through which it is reached.
 */
function verbatimCopies(
  nodes: readonly string[],
  pairs: readonly DerivedPair[],
  verbatimPairs: ReadonlySet<DerivedPair>,
  isRep: (id: string) => boolean,
  repOf: (id: string) => string,
): { readonly parent: string; readonly child: string }[] {
  const next = new Map<string, string[]>();
  for (const p of pairs) {
    if (!verbatimPairs.has(p)) continue;
    next.set(p.a, [...(next.get(p.a) ?? []), p.b]);
    next.set(p.b, [...(next.get(p.b) ?? []), p.a]);
  }
  const rank = new Map(nodes.map((id, k) => [id, k]));
  const out: { parent: string; child: string }[] = [];
  for (const rep of nodes.filter(isRep)) {
    const seen = new Set([rep]);
    const queue = [rep];
    while (queue.length) {
      const v = queue.shift()!;
      const ns = (next.get(v) ?? []).filter((u) => !seen.has(u) && repOf(u) === rep);
      // The representative first, then page order: a copy paired with it hangs under it.
      ns.sort((x, y) => rank.get(x)! - rank.get(y)!);
      for (const u of ns) {
        seen.add(u);
        queue.push(u);
        out.push({ parent: v, child: u });
      }
    }
  }
  return out;
}

/**
 * Shared readings that a third witness also has prove nothing about who
 * copied whom (the stemmatologist's rule: only shared innovations do). When
 * everything a child shares with a candidate parent P it also shares, as
 * well or better, with another candidate S, P explains nothing S does not,
 * and P → child may not outweigh S → child: its weight is capped just under
 * S's, when S also explains more. Two answers copying sentences of one
 * source thus hang under the source, not under each other. Between
 * candidates that explain the same (verbatim copies of one text) nothing is
 * capped: dates and the other evidence decide.
 */
function capUninformativeParents(
  edges: WeightedEdge[],
  info: readonly { pair: OrientedPair | undefined; p: number; strength: number }[],
): void {
  const byChild = new Map<number, number[]>();
  edges.forEach((e, k) => {
    if (e.from === 0 || !info[k]?.pair) return;
    const list = byChild.get(e.to) ?? [];
    list.push(k);
    byChild.set(e.to, list);
  });
  const original = edges.map((e) => e.weight);
  /** Share of what `mine` covers of the child that `other` does not cover as well. */
  const innovation = (
    mine: OrientedPair['childUnits'],
    other: OrientedPair['childUnits'],
  ): number => {
    let total = 0;
    let innovative = 0;
    for (const [u, v] of mine) {
      total += v.words;
      const o = other.get(u);
      if (!o || o.score < v.score - LINEAGE.innovationSlack) innovative += v.words;
    }
    return total === 0 ? 0 : innovative / total;
  };
  for (const ks of byChild.values()) {
    for (const k of ks) {
      for (const j of ks) {
        if (j === k || edges[j]!.from === edges[k]!.from) continue;
        const mine = info[k]!.pair!.childUnits;
        const other = info[j]!.pair!.childUnits;
        // Strictly subsumed: j explains all k does, and more.
        if (
          innovation(mine, other) < LINEAGE.innovationShare &&
          innovation(other, mine) >= LINEAGE.innovationShare
        ) {
          const cap = original[j]! * LINEAGE.capRatio;
          if (edges[k]!.weight > cap) edges[k] = { ...edges[k]!, weight: cap };
        }
      }
    }
  }
}

/**
 * Paragraph correspondences of the derived pairs: `x\u0000y` → for each
 * paragraph of x aligned with y, the paragraphs of y it is aligned with.
 */
function alignedParagraphs(pairs: readonly DerivedPair[]): Map<string, Map<number, Set<number>>> {
  const out = new Map<string, Map<number, Set<number>>>();
  const put = (x: string, y: string, k: number, j: number) => {
    const key = `${x}\u0000${y}`;
    const map = out.get(key) ?? new Map<number, Set<number>>();
    map.set(k, (map.get(k) ?? new Set<number>()).add(j));
    out.set(key, map);
  };
  for (const p of pairs) {
    for (const o of [p.forward, p.backward]) {
      for (const a of o.alignment) {
        put(o.parent, o.child, a.parentParagraph, a.childParagraph);
        put(o.child, o.parent, a.childParagraph, a.parentParagraph);
      }
    }
  }
  return out;
}

/**
 * A copy descends from its parent only if it shares the parent's own
 * departures. Two tests reject the parent P of a copy C:
 * - a mechanical copy (verbatim, spun, translated) adds no reporting of its
 *   own, so when it holds several paragraphs P lacks, P is not its source;
 * - an omission is P's innovation when C carries a paragraph P lacks and a
 *   third version S carries it too, in a paragraph P lacks as well (S not
 *   below C in the tree, so S did not take it from C): C lacks P's
 *   innovation. When P also holds a paragraph C lacks, each has a departure
 *   the other does not share, and neither copied the other.
 * The tests run deepest edges first, and an edge they reject no longer
 * makes its child a descendant, so the siblings of a chain (d → c → b) can
 * witness for each other. Then, parents first, a rejected copy and its
 * parent become siblings under a hidden node when the parent has no source
 * in the corpus or its source is itself hidden.
 */
function inferHidden(
  relations: Relation[],
  input: LineageInput,
  parentOf: Map<string, string>,
  parentCoverage: ReadonlyMap<string, number>,
): HiddenNode[] {
  const hidden: HiddenNode[] = [];
  const hiddenFor = new Map<
    string,
    { node: { id: string; children: string[]; reasons: string[] } }
  >();
  const byId = new Map<string, { id: string; children: string[]; reasons: string[] }>();
  const aligned = alignedParagraphs(input.pairs);
  const alignedWith = (x: string, y: string) =>
    aligned.get(`${x}\u0000${y}`) ?? new Map<number, Set<number>>();
  const partners = new Map<string, Set<string>>();
  for (const p of input.pairs) {
    partners.set(p.a, (partners.get(p.a) ?? new Set()).add(p.b));
    partners.set(p.b, (partners.get(p.b) ?? new Set()).add(p.a));
  }
  const depth = (id: string): number => {
    let d = 0;
    for (let v = parentOf.get(id); v !== undefined && d < 1000; v = parentOf.get(v)) d++;
    return d;
  };
  const byDepth = relations
    .map((r, k) => ({ k, d: depth(r.child) }))
    .sort((x, y) => x.d - y.d || x.k - y.k)
    .map((x) => x.k);

  // Which edges fail to share the parent's departures, deepest first.
  const kids = new Map<string, string[]>();
  for (const r of relations) kids.set(r.parent, [...(kids.get(r.parent) ?? []), r.child]);
  const rejected = new Set<number>();
  const cut = new Set<string>();
  const descendants = (id: string): Set<string> => {
    const out = new Set<string>();
    const stack = (kids.get(id) ?? []).filter((c) => !cut.has(c));
    while (stack.length) {
      const v = stack.pop()!;
      if (out.has(v)) continue;
      out.add(v);
      stack.push(...(kids.get(v) ?? []).filter((c) => !cut.has(c)));
    }
    return out;
  };
  const why = new Map<number, { reason: string; evidence: string }>();
  for (const k of [...byDepth].reverse()) {
    const r = relations[k]!;
    const size = input.sizes.get(r.child) ?? 0;
    // Paragraphs of the copy with no aligned sentence at all: text it has and its parent lacks.
    const extra = size - new Set(r.alignment.map((a) => a.childParagraph)).size;
    if (
      MECHANICAL.has(r.kind) &&
      extra >= Math.max(LINEAGE.hiddenMinExtra, Math.ceil(LINEAGE.hiddenMinExtraShare * size))
    ) {
      cut.add(r.child);
      why.set(k, {
        reason: `${r.child} is a ${r.kind} copy yet carries ${extra} of its ${size} paragraphs that ${r.parent} lacks`,
        evidence: `hidden source: ${r.parent} lacks ${extra} paragraphs this copy carries, so both come from a version not in the corpus`,
      });
      continue;
    }
    const inParent = alignedWith(r.child, r.parent);
    const below = descendants(r.child);
    const witnesses = [...(partners.get(r.child) ?? [])].filter(
      (s) => s !== r.parent && !below.has(s),
    );
    const attested: string[] = [];
    for (let u = 0; u < size; u++) {
      if (inParent.has(u)) continue;
      const by = witnesses.find((s) => {
        const there = alignedWith(r.child, s).get(u);
        const sInParent = alignedWith(s, r.parent);
        return there !== undefined && [...there].some((j) => !sInParent.has(j));
      });
      if (by !== undefined) attested.push(`${u + 1} (also in ${by})`);
    }
    const parentSize = input.sizes.get(r.parent) ?? 0;
    const parentOwn = parentSize - alignedWith(r.parent, r.child).size;
    if (attested.length < LINEAGE.hiddenMinAttested || parentOwn < 1) continue;
    rejected.add(k);
    cut.add(r.child);
    why.set(k, {
      reason: `${r.child} carries paragraph ${attested.join(', ')} that ${r.parent} lacks, and ${r.parent} carries ${parentOwn} that ${r.child} lacks`,
      evidence: `hidden source: ${r.parent} omits paragraph ${attested.join(', ')} that this copy shares with another version, and this copy lacks ${parentOwn} of ${r.parent}'s; neither copied the other`,
    });
  }

  // Parents first: a rejected copy joins its parent under a hidden source.
  for (const k of byDepth) {
    const r = relations[k]!;
    const w = why.get(k);
    if (!w || r.parent.startsWith('hidden:')) continue;
    const above = parentOf.get(r.parent);
    if (above !== undefined && !above.startsWith('hidden:')) continue; // the parent has a source of its own in the corpus
    let node = above !== undefined ? byId.get(above) : hiddenFor.get(r.parent)?.node;
    if (!node) {
      node = { id: `hidden:${hiddenFor.size + 1}`, children: [r.parent], reasons: [] };
      hiddenFor.set(r.parent, { node });
      byId.set(node.id, node);
    }
    node.children.push(r.child);
    node.reasons.push(w.reason);
    relations[k] = {
      ...r,
      parent: node.id,
      evidence: [...r.evidence, w.evidence],
      // Its scores were measured against the story the hidden source stands in for.
      measuredAgainst: r.measuredAgainst ?? r.parent,
    };
    parentOf.set(r.child, node.id);
  }
  for (const [storyId, { node }] of hiddenFor) {
    const sibling = relations.find((r) => r.parent === node.id)!;
    relations.push({
      parent: node.id,
      child: storyId,
      kind: 'edited',
      confidence: round(sibling.confidence * LINEAGE.hiddenConfidence),
      scores: {
        ...sibling.scores,
        coverage: round(parentCoverage.get(sibling.child) ?? sibling.scores.coverage),
      },
      // Read from this story's side: its paragraphs are the children here, the sibling's the parents.
      alignment: sibling.alignment
        .map((a) => ({
          ...a,
          parentParagraph: a.childParagraph,
          childParagraph: a.parentParagraph,
        }))
        .sort((x, y) => x.childParagraph - y.childParagraph),
      evidence: [
        `kind: a different version of the hidden source than its sibling ${node.children.slice(1).join(', ')} copied`,
      ],
      measuredAgainst: sibling.child,
    });
    parentOf.set(storyId, node.id);
    hidden.push({ id: node.id, children: node.children, reason: node.reasons.join('; ') });
  }
  reviseHiddenKinds(relations, hidden, input.pairs);
  return hidden;
}

/**
 * The kind of a hidden source's copies. Each was judged against a sibling,
 * so the kind mixes both copies' changes. With two or more siblings to judge
 * against, a copy whose verdicts against every sibling agree made that change
 * itself; one whose verdicts differ took on each sibling's change in turn and
 * is the nearest to the source: an edited copy.
 */
function reviseHiddenKinds(
  relations: Relation[],
  hidden: readonly HiddenNode[],
  pairs: readonly DerivedPair[],
): void {
  const pairOf = new Map<string, DerivedPair>();
  for (const p of pairs) {
    pairOf.set(`${p.a}\u0000${p.b}`, p);
    pairOf.set(`${p.b}\u0000${p.a}`, p);
  }
  for (const h of hidden) {
    if (h.children.length < 3) continue;
    for (const x of h.children) {
      const kinds: RelationKind[] = [];
      for (const y of h.children) {
        const p = y === x ? undefined : pairOf.get(`${x}\u0000${y}`);
        if (p) kinds.push((p.b === x ? p.forwardKind : p.backwardKind).kind);
      }
      if (kinds.length < 2) continue;
      const kind = kinds.every((k) => k === kinds[0]) ? kinds[0]! : 'edited';
      const k = relations.findIndex((r) => r.parent === h.id && r.child === x);
      const r = relations[k];
      if (!r || r.kind === kind) continue;
      relations[k] = {
        ...r,
        kind,
        evidence: [
          ...r.evidence,
          `kind of copy: ${kind}, read from its verdicts against its ${kinds.length} siblings (${kinds.join(', ')})`,
        ],
      };
    }
  }
}

function buildTrees(storyIds: readonly string[], relations: readonly Relation[]): LineageTree[] {
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const r of relations) {
    const list = children.get(r.parent) ?? [];
    list.push(r.child);
    children.set(r.parent, list);
    hasParent.add(r.child);
  }
  const order = new Map(storyIds.map((id, k) => [id, k]));
  const rank = (id: string) => order.get(id) ?? -1;
  const roots = [...new Set([...storyIds, ...children.keys()])].filter((id) => !hasParent.has(id));
  roots.sort((x, y) => {
    // Hidden roots sort by their first child.
    const fx = x.startsWith('hidden:') ? Math.min(...(children.get(x) ?? []).map(rank)) : rank(x);
    const fy = y.startsWith('hidden:') ? Math.min(...(children.get(y) ?? []).map(rank)) : rank(y);
    return fx - fy;
  });
  return roots.map((root) => {
    const members: string[] = [];
    const stack = [root];
    while (stack.length) {
      const v = stack.pop()!;
      members.push(v);
      const kids = [...(children.get(v) ?? [])].sort((x, y) => rank(y) - rank(x));
      stack.push(...kids);
    }
    return { root, members };
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
