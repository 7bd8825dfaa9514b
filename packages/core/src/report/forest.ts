import { expectArg } from '../args.js';
import type { HiddenNode, Relation, Report, ReportStory } from '../types.js';
import { reportRule } from './report-rule.js';

/** One line of the lineage forest as the renderers draw it. */
export interface ForestNode {
  readonly id: string;
  /** The relation that leads here from the parent line; null for roots and unlinked members. */
  readonly via: Relation | null;
  /** True when this node was already drawn elsewhere (a second parent); its subtree is not repeated. */
  readonly seen: boolean;
  readonly children: readonly ForestNode[];
}

/** Lookups the renderers share: stories and hidden nodes by id. */
export interface ReportIndex {
  readonly stories: ReadonlyMap<string, ReportStory>;
  readonly hidden: ReadonlyMap<string, HiddenNode>;
  readonly storyCount: number;
}

/** Indexes the report's stories and hidden nodes by id. */
export function indexReport(report: Report): ReportIndex {
  const stories = new Map<string, ReportStory>();
  for (const doc of report.documents) for (const s of doc.stories) stories.set(s.id, s);
  return {
    stories,
    hidden: new Map(report.hidden.map((h) => [h.id, h])),
    storyCount: stories.size,
  };
}

/**
 * Turns `lineage` and `relations` into trees to draw. Each tree starts at its
 * root and follows relations from parent to child, strongest first, to the
 * tree's members. Lineage is a DAG (a story may have two parents), so a node
 * met a second time is drawn once more with `seen: true` and no children.
 * Members no relation reaches are listed under the root with `via: null`.
 * Relations that leave their parent's tree or lie outside every tree (which a
 * well-formed report does not have) get trees of their own, so the drawing
 * never hides an edge.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function buildForest(report: Report): readonly ForestNode[] {
  expectArg(report, 'buildForest: report', reportRule);
  const out = new Map<string, Relation[]>();
  for (const r of report.relations) {
    const list = out.get(r.parent) ?? [];
    list.push(r);
    out.set(r.parent, list);
  }
  for (const list of out.values()) list.sort((x, y) => y.confidence - x.confidence);

  const drawn = new Set<string>();
  const drawnEdges = new Set<Relation>();
  // Within a lineage tree, only edges to the tree's members (null: any edge).
  const grow = (
    id: string,
    via: Relation | null,
    members: ReadonlySet<string> | null,
  ): ForestNode => {
    if (drawn.has(id)) return { id, via, seen: true, children: [] };
    drawn.add(id);
    const edges = (out.get(id) ?? []).filter((r) => members === null || members.has(r.child));
    for (const r of edges) drawnEdges.add(r);
    return { id, via, seen: false, children: edges.map((r) => grow(r.child, r, members)) };
  };

  const forest: ForestNode[] = [];
  for (const tree of report.lineage) {
    const members = new Set([tree.root, ...tree.members]);
    const root = grow(tree.root, null, members);
    const unlinked = tree.members.filter((m) => !drawn.has(m)).map((m) => grow(m, null, members));
    forest.push(
      unlinked.length === 0 ? root : { ...root, children: [...root.children, ...unlinked] },
    );
  }

  // An edge to a story outside the parent's tree: the parent again, marked
  // seen, with its edges not drawn yet.
  for (const r of report.relations) {
    if (drawnEdges.has(r) || !drawn.has(r.parent)) continue;
    const rest = (out.get(r.parent) ?? []).filter((x) => !drawnEdges.has(x));
    for (const x of rest) drawnEdges.add(x);
    forest.push({
      id: r.parent,
      via: null,
      seen: true,
      children: rest.map((x) => grow(x.child, x, null)),
    });
  }

  // Growing a node draws all its children, so an undrawn edge now always has an
  // undrawn parent. Climb to an ancestor nothing undrawn points at (stopping on
  // a cycle) and grow from there.
  const incoming = new Map<string, Relation[]>();
  for (const r of report.relations) incoming.set(r.child, [...(incoming.get(r.child) ?? []), r]);
  for (const r of report.relations) {
    if (drawn.has(r.parent)) continue;
    let start = r.parent;
    const climbed = new Set([start]);
    for (;;) {
      const up = incoming.get(start)?.find((x) => !drawn.has(x.parent) && !climbed.has(x.parent));
      if (up === undefined) break;
      start = up.parent;
      climbed.add(start);
    }
    forest.push(grow(start, null, null));
  }
  return forest;
}

/**
 * Stories that belong to no lineage tree and take part in no relation.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function unlinkedStories(report: Report): readonly string[] {
  expectArg(report, 'unlinkedStories: report', reportRule);
  const linked = new Set<string>();
  for (const t of report.lineage) for (const m of [t.root, ...t.members]) linked.add(m);
  for (const r of report.relations) linked.add(r.parent).add(r.child);
  return report.documents
    .flatMap((d) => d.stories.map((s) => s.id))
    .filter((id) => !linked.has(id));
}

/** Scores and confidences with two decimals, as every renderer shows them. */
export function score(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : '–';
}

/**
 * A relation's extent with the probability of that verdict: "wholly (p 0.91)",
 * "partially (p 0.83)" (p = 1 − pWholly); "–" where the report gives none.
 * @throws never.
 */
export function extentText(r: { readonly extent?: string; readonly pWholly?: number }): string {
  if (r.extent === undefined || r.pWholly === undefined) return '–';
  return `${r.extent} (p ${score(r.extent === 'wholly' ? r.pWholly : 1 - r.pWholly)})`;
}
