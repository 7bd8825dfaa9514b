/**
 * Reading a Stemma report the way the sets need: documents ↔ stories, the
 * forest as a graph, paths and edges between two documents. Only the public
 * `Report` type is used.
 */

import type { IndependentPair, Relation, Report } from '@stemma/core';
import type { ErrorStory } from './types.js';

/** A report indexed for lookups by document and story. */
export interface ReportView {
  readonly report: Report;
  /** Document id → its story ids, in page order. */
  readonly storiesOf: ReadonlyMap<string, readonly string[]>;
  /** Story id → document id. */
  readonly docOf: ReadonlyMap<string, string>;
  /** Story (or hidden node) → its parent relation, when it has one. */
  readonly incoming: ReadonlyMap<string, Relation>;
  /** Node → relations touching it (either end). */
  readonly touching: ReadonlyMap<string, readonly Relation[]>;
}

export function viewReport(report: Report): ReportView {
  const storiesOf = new Map<string, string[]>();
  const docOf = new Map<string, string>();
  for (const d of report.documents) {
    storiesOf.set(
      d.id,
      d.stories.map((s) => s.id),
    );
    for (const s of d.stories) docOf.set(s.id, d.id);
  }
  const incoming = new Map<string, Relation>();
  const touching = new Map<string, Relation[]>();
  for (const r of report.relations) {
    incoming.set(r.child, r);
    for (const n of [r.parent, r.child]) {
      const list = touching.get(n) ?? [];
      list.push(r);
      touching.set(n, list);
    }
  }
  return { report, storiesOf, docOf, incoming, touching };
}

/** Root of a node's lineage tree (hidden sources included). */
export function rootOf(view: ReportView, node: string): string {
  let n = node;
  const seen = new Set<string>([n]);
  for (let r = view.incoming.get(n); r && !seen.has(r.parent); r = view.incoming.get(n)) {
    n = r.parent;
    seen.add(n);
  }
  return n;
}

/** Relations whose two ends are stories of the two documents (either way round). */
export function edgesBetween(view: ReportView, docA: string, docB: string): Relation[] {
  return view.report.relations.filter((r) => {
    const p = view.docOf.get(r.parent);
    const c = view.docOf.get(r.child);
    return (p === docA && c === docB) || (p === docB && c === docA);
  });
}

/**
 * The path of relations from a story of `from` to a story of `to` through
 * the forest (either direction along each edge, hidden nodes included), or
 * null when the two are in different trees. Shortest path, breadth first.
 */
export function pathBetween(view: ReportView, from: string, to: string): Relation[] | null {
  const targets = new Set(view.storiesOf.get(to) ?? []);
  const start = view.storiesOf.get(from) ?? [];
  const via = new Map<string, { prev: string; rel: Relation } | null>(start.map((s) => [s, null]));
  const queue = [...start];
  while (queue.length) {
    const n = queue.shift()!;
    if (targets.has(n)) {
      const path: Relation[] = [];
      for (let step = via.get(n); step; step = via.get(step.prev)) path.unshift(step.rel);
      return path;
    }
    for (const r of view.touching.get(n) ?? []) {
      const m = r.parent === n ? r.child : r.parent;
      if (via.has(m)) continue;
      via.set(m, { prev: n, rel: r });
      queue.push(m);
    }
  }
  return null;
}

/**
 * The independent pair the report names between the lineage trees of two
 * documents' stories, if any. Stemma names one pair per pair of trees (the
 * one closest to their roots), so the pair may be other members of the two
 * trees.
 */
export function independentBetween(
  view: ReportView,
  docA: string,
  docB: string,
): IndependentPair | null {
  const treesA = new Set((view.storiesOf.get(docA) ?? []).map((s) => rootOf(view, s)));
  const treesB = new Set((view.storiesOf.get(docB) ?? []).map((s) => rootOf(view, s)));
  for (const p of view.report.independent) {
    const ta = rootOf(view, p.a);
    const tb = rootOf(view, p.b);
    if ((treesA.has(ta) && treesB.has(tb)) || (treesA.has(tb) && treesB.has(ta))) return p;
  }
  return null;
}

/** A document's first story as an error case shows it. */
export function storyOf(view: ReportView, docId: string): ErrorStory {
  const doc = view.report.documents.find((d) => d.id === docId);
  const s = doc?.stories[0];
  return { id: s?.id ?? docId, title: s?.title ?? doc?.title ?? null, excerpt: s?.excerpt ?? '' };
}
