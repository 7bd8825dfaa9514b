/**
 * The relations of a family of near-copies drawn from variant readings
 * (readings.ts): each edge of the reading tree becomes a relation read from
 * the relate stage's verdict on that pair, and each lost exemplar a hidden
 * node. Families the readings cannot draw (not all near-copies, or an edge
 * between two witnesses relate did not judge) keep the similarity method.
 */

import type { KindDecision, OrientedPair } from '../classify/index.js';
import type { DerivedPair, StoryFacts } from '../relate/index.js';
import type { HiddenNode, Relation } from '../types.js';
import { READINGS } from './constants.js';
import { readingTree, collationWords, type ReadingTree } from './readings.js';

export interface ReadingFamily {
  /** Relations with lost exemplars named `hidden:?<k>` (k from 0), to be numbered by the caller. */
  readonly relations: readonly Relation[];
  readonly hidden: readonly HiddenNode[];
}

interface Oriented {
  readonly pair: OrientedPair;
  readonly kind: KindDecision;
  readonly p: number;
  readonly strength: number;
  /** P(derived) of the pair (relate's fitted verdict). */
  readonly derived: number;
  readonly evidence: string[];
}

/** The relate verdict on `from` → `to`, when relate judged the pair derived. */
function oriented(pairs: ReadonlyMap<string, DerivedPair>, from: string, to: string) {
  const p = pairs.get(`${from}\u0000${to}`) ?? pairs.get(`${to}\u0000${from}`);
  if (!p) return undefined;
  const forA = p.a === from;
  const result: Oriented = {
    pair: forA ? p.forward : p.backward,
    kind: forA ? p.forwardKind : p.backwardKind,
    p: forA ? p.direction.pAB : 1 - p.direction.pAB,
    strength: p.strength,
    derived: p.probability,
    evidence: p.direction.evidence.map((e) =>
      Math.sign(e.weight) === (forA ? 1 : -1) ? `for: ${e.text}` : `against: ${e.text}`,
    ),
  };
  return result;
}

/** Placeholder id of the k-th lost exemplar of a family. */
const placeholder = (k: number) => `hidden:?${k}`;

/** A family's id with its lost exemplars numbered after the `base` hidden nodes already drawn. */
export function numbered(id: string, base: number): string {
  return id.startsWith('hidden:?') ? `hidden:${base + 1 + Number(id.slice(8))}` : id;
}

/**
 * The family's relations from its reading tree, or null when the readings
 * cannot draw it. `members` are the family's distinct texts (one
 * representative per cluster of verbatim copies); `copies` hang the other
 * verbatim copies under their representative (or a fellow copy), outside
 * the tree, since identical texts have no readings to place them by.
 */
export function readingFamily(
  members: readonly string[],
  pairs: readonly DerivedPair[],
  texts: ReadonlyMap<string, string>,
  facts: ReadonlyMap<string, StoryFacts>,
  dateOf: (f: StoryFacts | undefined) => number,
  rootWeight: number,
  copies: readonly { readonly parent: string; readonly child: string }[] = [],
  rank?: (word: string) => number | undefined,
): ReadingFamily | null {
  if (members.length < READINGS.minFamily || members.some((m) => !texts.has(m))) return null;
  const byIds = new Map(pairs.map((p) => [`${p.a}\u0000${p.b}`, p]));
  // Only a family relate judged derived pair by pair: a chain of partial
  // borrowings is no tradition of copies.
  const inFamily = new Set(members);
  const judged = pairs.filter((p) => inFamily.has(p.a) && inFamily.has(p.b)).length;
  if (judged < (members.length * (members.length - 1)) / 2) return null;
  const tree = readingTree(
    members.map((id) => ({
      id,
      words: collationWords(texts.get(id)!),
      date: dateOf(facts.get(id)),
    })),
    (from, to) => oriented(byIds, from, to)?.p,
    rank ? { rank } : {},
  );
  if (!tree) return null;
  let lost = 0;
  const name = tree.nodes.map((n) => n.witness ?? placeholder(lost++));
  const neighbours = tree.nodes.map(() => [] as number[]);
  tree.parent.forEach((p, k) => {
    if (p < 0) return;
    neighbours[p]!.push(k);
    neighbours[k]!.push(p);
  });
  /** The nearest extant witness from `from` not reached through `avoid`. */
  const stand = (from: number, avoid: number): number | undefined => {
    const seen = new Set([avoid, from]);
    const queue = [from];
    while (queue.length) {
      const v = queue.shift()!;
      if (tree.nodes[v]!.witness) return v;
      for (const u of neighbours[v]!) {
        if (!seen.has(u)) {
          seen.add(u);
          queue.push(u);
        }
      }
    }
    return undefined;
  };

  // The readings say where a witness sits, not whether it was copied from the
  // family at all: a witness that no other member could have been copied into
  // with a weight beating the virtual root of the similarity method
  // (strength × P(direction) ≥ rootWeight) is a root there, and stays one.
  const weak = new Set(
    members.filter((to) =>
      members.every((from) => {
        const o = from === to ? undefined : oriented(byIds, from, to);
        return !o || o.strength * o.p < rootWeight;
      }),
    ),
  );
  const relations: Relation[] = [];
  for (let v = 0; v < tree.nodes.length; v++) {
    const u = tree.parent[v]!;
    if (u < 0) continue;
    const su = stand(u, v);
    const sv = stand(v, u);
    if (su === undefined || sv === undefined) return null;
    const from = tree.nodes[su]!.witness!;
    const to = tree.nodes[sv]!.witness!;
    const o = oriented(byIds, from, to);
    if (!o) return null;
    if (tree.nodes[v]!.witness && weak.has(tree.nodes[v]!.witness!)) continue;
    // Between two extant witnesses the link itself is measured, and must beat it too.
    if (su === u && sv === v && o.strength * o.p < rootWeight) continue;
    const measured =
      su === u && sv === v
        ? []
        : [
            `kind and scores measured on ${from} → ${to}, the nearest extant texts on either side of this edge`,
          ];
    relations.push({
      parent: name[u]!,
      child: name[v]!,
      kind: o.kind.kind,
      // P(derived) × P(this direction): the chance the edge is right as drawn.
      confidence: round(o.derived * o.p),
      scores: o.pair.scores,
      alignment: o.pair.alignment,
      evidence: [
        `kind: ${o.kind.why}`,
        ...measured,
        readingLine(tree, v, name),
        ...(su === u && sv === v ? o.evidence : []),
      ],
    });
  }
  // A lost exemplar left with fewer than two children by weak links is no
  // common exemplar: it goes, and its one child (if any) becomes a root.
  const dissolved = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    tree.nodes.forEach((n, k) => {
      if (n.witness || dissolved.has(name[k]!)) return;
      if (relations.filter((r) => r.parent === name[k]).length >= 2) return;
      dissolved.add(name[k]!);
      changed = true;
      for (let j = relations.length - 1; j >= 0; j--)
        if (relations[j]!.parent === name[k] || relations[j]!.child === name[k])
          relations.splice(j, 1);
    });
  }
  for (const c of copies) {
    const o = oriented(byIds, c.parent, c.child);
    if (!o) return null;
    relations.push({
      parent: c.parent,
      child: c.child,
      kind: o.kind.kind,
      confidence: round(Math.min(1, o.strength)),
      scores: o.pair.scores,
      alignment: o.pair.alignment,
      evidence: [
        `kind: ${o.kind.why}`,
        'verbatim copy: the earliest copy (by date, then page order) stands as the source, and for the copies in the reading tree',
      ],
    });
  }
  const hidden: HiddenNode[] = [];
  let kept = 0;
  const renamed = new Map<string, string>();
  tree.nodes.forEach((n, k) => {
    if (!n.witness && !dissolved.has(name[k]!)) renamed.set(name[k]!, placeholder(kept++));
  });
  const rename = (x: string) => renamed.get(x) ?? x;
  for (let j = 0; j < relations.length; j++) {
    const r = relations[j]!;
    relations[j] = { ...r, parent: rename(r.parent), child: rename(r.child) };
  }
  tree.nodes.forEach((n, k) => {
    if (n.witness || dissolved.has(name[k]!)) return;
    const kids = relations.filter((r) => r.parent === rename(name[k]!)).map((r) => r.child);
    hidden.push({
      id: rename(name[k]!),
      children: kids,
      reason: `${n.cluster.join(', ')} share readings no other witness has (collated against ${tree.center}), and each carries readings of its own beyond them: their common exemplar is not in the corpus`,
    });
  });
  return { relations, hidden };
}

function readingLine(tree: ReadingTree, v: number, name: readonly string[]): string {
  const n = tree.nodes[v]!;
  const root =
    tree.rootedBy === 'dates'
      ? 'rooted by the dates'
      : 'rooted where the copies bring in the rarer words of its swaps, then where the pairwise direction verdicts along its edges agree best';
  const own = n.witness ? `, ${tree.own.get(n.witness) ?? 0} readings its own` : '';
  return `readings: ${name[v]} sits where the variant readings it shares put it (group of ${n.cluster.length}${own}; tree ${root})`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
