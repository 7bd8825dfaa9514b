import {
  buildForest as buildLineageForest,
  type ForestNode as LineageNode,
  type Relation,
  type RelationKind,
  type Report,
} from '@stemma/core';

/*
 * The lineage forest as the tree view needs it: core's forest (the one the
 * reports draw) with a unique key per row, stories that stand outside every
 * tree sorted into two groups, and the trees flattened into the rows
 * currently visible. Pure functions, so navigation is testable without
 * rendering.
 */

export interface ForestNode {
  /** Story id, or "hidden:N". */
  readonly id: string;
  /** Unique per row: the ids on the path from the root, joined by "/". */
  readonly key: string;
  readonly hidden: boolean;
  /** The edge from this node's parent; null for roots (and members no edge reaches). */
  readonly edge: Relation | null;
  readonly children: readonly ForestNode[];
}

export interface Forest {
  /** Lineage trees with more than one member, in report order. */
  readonly trees: readonly ForestNode[];
  /** Stories in no tree that cover an event independently of another story, in report order. */
  readonly independent: readonly ForestNode[];
  /** Stories with no relation at all, in report order. */
  readonly singletons: readonly ForestNode[];
}

/** Key of the row that groups the stories with independent coverage only. */
export const independentKey = '#independent';
/** Key of the row that groups the singletons. */
export const singletonsKey = '#singletons';
export type GroupKey = typeof independentKey | typeof singletonsKey;

/** What each group row is called, in the order the groups follow the trees. */
export const groupLabels: Readonly<Record<GroupKey, string>> = {
  [independentKey]: 'Independent coverage',
  [singletonsKey]: 'Singletons',
};

export function isHiddenId(id: string): boolean {
  return id.startsWith('hidden:');
}

function fromLineage(node: LineageNode, key: string): ForestNode {
  return {
    id: node.id,
    key,
    hidden: isHiddenId(node.id),
    edge: node.via,
    children: node.children.map((c) => fromLineage(c, `${key}/${c.id}`)),
  };
}

/**
 * Builds the forest from core's {@link buildLineageForest}. A tree with no
 * children is a story on its own: it joins the independent group when some
 * independent pair names it, the singletons otherwise. So do the stories no
 * lineage entry mentions, and any of `storyIds` (all stories of the run) not
 * placed yet.
 */
export function buildForest(report: Report, storyIds: Iterable<string> = []): Forest {
  const paired = new Set(report.independent.flatMap((p) => [p.a, p.b]));
  const placed = new Set<string>();
  const place = (node: ForestNode): ForestNode => {
    placed.add(node.id);
    node.children.forEach(place);
    return node;
  };

  const trees: ForestNode[] = [];
  const independent: ForestNode[] = [];
  const singletons: ForestNode[] = [];
  const alone = (node: ForestNode): void => {
    (paired.has(node.id) ? independent : singletons).push(place(node));
  };

  for (const root of buildLineageForest(report)) {
    // A root drawn again (a malformed report's edge out of its tree) needs a key of its own.
    const node = fromLineage(root, placed.has(root.id) ? `${root.id}~${trees.length}` : root.id);
    if (node.children.length > 0) trees.push(place(node));
    else if (!placed.has(node.id)) alone(node);
  }
  // Every story of the report, then of the run; core's unlinkedStories would
  // validate the whole report a second time, which 10,000 stories notice.
  const reportIds = report.documents.flatMap((d) => d.stories.map((s) => s.id));
  for (const id of [...reportIds, ...storyIds]) {
    if (!placed.has(id)) alone({ id, key: id, hidden: false, edge: null, children: [] });
  }
  return { trees, independent, singletons };
}

/** Which edges the tree shows: one kind or all, and a lowest confidence in tenths (0..10). */
export interface Filter {
  readonly kind: RelationKind | 'all';
  /** Lowest confidence shown, in tenths: 3 shows edges with confidence ≥ 0.3. */
  readonly minTenths: number;
}

export const noFilter: Filter = { kind: 'all', minTenths: 0 };

/** The order `f` cycles through. */
export const filterKinds: readonly Filter['kind'][] = [
  'all',
  'verbatim',
  'edited',
  'paraphrase',
  'spun',
  'translated',
];

export function filterActive(filter: Filter): boolean {
  return filter.kind !== 'all' || filter.minTenths > 0;
}

/** True when the edge is one the filter lets through (with no filter, every node passes). */
export function passes(edge: Relation | null, filter: Filter): boolean {
  if (!filterActive(filter)) return true;
  if (edge === null) return false;
  if (filter.kind !== 'all' && edge.kind !== filter.kind) return false;
  // Compare in hundredths so 0.3 ≥ 0.30 holds despite binary fractions.
  return Math.round(edge.confidence * 100) >= filter.minTenths * 10;
}

export type Row =
  | {
      readonly type: 'node';
      readonly key: string;
      readonly node: ForestNode;
      readonly depth: number;
      /** Tree-drawing prefix ("│  ├─ "). */
      readonly guide: string;
      readonly expanded: boolean;
      readonly parentKey: string | null;
      /** Shown only because a descendant passes the filter (drawn dim). */
      readonly context: boolean;
    }
  | {
      readonly type: 'group';
      readonly key: GroupKey;
      readonly count: number;
      readonly expanded: boolean;
    };

/**
 * Which nodes a filter keeps: those that pass it and those with a
 * descendant that does (the path to a match stays as context). Computed
 * once per forest and filter.
 */
function keptBy(forest: Forest, filter: Filter): (node: ForestNode) => boolean {
  if (!filterActive(filter)) return () => true;
  const kept = new Map<ForestNode, boolean>();
  const visit = (node: ForestNode): boolean => {
    let keep = passes(node.edge, filter);
    for (const child of node.children) keep = visit(child) || keep;
    kept.set(node, keep);
    return keep;
  };
  forest.trees.forEach(visit);
  return (node) => kept.get(node) ?? false;
}

const rowCache = new WeakMap<
  Forest,
  { collapsed: ReadonlySet<string>; filter: Filter; rows: readonly Row[] }
>();

/**
 * The rows on screen: every tree, then the independent and singletons
 * groups. A node's children show unless its key is in `collapsed`. With an
 * active filter only nodes whose edge passes it show, with their ancestors
 * as context; the groups (stories without edges) are left out.
 *
 * The last answer per forest is kept: each key press asks again with the
 * same sets, and 10,000 stories take milliseconds to walk.
 */
export function visibleRows(
  forest: Forest,
  collapsed: ReadonlySet<string>,
  filter: Filter = noFilter,
): readonly Row[] {
  const cached = rowCache.get(forest);
  if (cached && cached.collapsed === collapsed && cached.filter === filter) return cached.rows;
  const rows: Row[] = [];
  const keep = keptBy(forest, filter);

  const walk = (
    node: ForestNode,
    depth: number,
    prefix: string,
    last: boolean,
    parentKey: string | null,
  ): void => {
    const children = node.children.filter(keep);
    const expanded = children.length > 0 && !collapsed.has(node.key);
    const guide = depth === 0 ? '' : `${prefix}${last ? '└─ ' : '├─ '}`;
    const context = !passes(node.edge, filter);
    rows.push({ type: 'node', key: node.key, node, depth, guide, expanded, parentKey, context });
    if (!expanded) return;
    const childPrefix = depth === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`;
    children.forEach((child, i) => {
      walk(child, depth + 1, childPrefix, i === children.length - 1, node.key);
    });
  };

  for (const tree of forest.trees) if (keep(tree)) walk(tree, 0, '', true, null);

  const groups: readonly [GroupKey, readonly ForestNode[]][] = filterActive(filter)
    ? []
    : [
        [independentKey, forest.independent],
        [singletonsKey, forest.singletons],
      ];
  for (const [key, members] of groups) {
    if (members.length === 0) continue;
    const expanded = !collapsed.has(key);
    rows.push({ type: 'group', key, count: members.length, expanded });
    if (!expanded) continue;
    members.forEach((s, i) => {
      rows.push({
        type: 'node',
        key: s.key,
        node: s,
        depth: 1,
        guide: i === members.length - 1 ? '└─ ' : '├─ ',
        expanded: false,
        parentKey: key,
        context: false,
      });
    });
  }
  rowCache.set(forest, { collapsed, filter, rows });
  return rows;
}

const targetCache = new WeakMap<Forest, { filter: Filter; targets: readonly SearchTarget[] }>();

/** A node the search can reach, with the keys to expand to show it. */
export interface SearchTarget {
  readonly node: ForestNode;
  /** Keys of the rows above it (tree nodes or a group), root first. */
  readonly ancestors: readonly string[];
}

/**
 * Every node the filter keeps, collapsed or not, in the order the rows
 * would show them all expanded: what `/`, `n` and `N` step through. The
 * last answer per forest is kept, as for {@link visibleRows}.
 */
export function searchTargets(forest: Forest, filter: Filter = noFilter): readonly SearchTarget[] {
  const cached = targetCache.get(forest);
  if (cached && cached.filter === filter) return cached.targets;
  const keep = keptBy(forest, filter);
  const out: SearchTarget[] = [];
  const walk = (node: ForestNode, ancestors: readonly string[]): void => {
    if (!keep(node)) return;
    out.push({ node, ancestors });
    const below = [...ancestors, node.key];
    for (const child of node.children) walk(child, below);
  };
  for (const tree of forest.trees) walk(tree, []);
  if (!filterActive(filter)) {
    for (const node of forest.independent) out.push({ node, ancestors: [independentKey] });
    for (const node of forest.singletons) out.push({ node, ancestors: [singletonsKey] });
  }
  targetCache.set(forest, { filter, targets: out });
  return out;
}

/** Number of edges in the forest, and of those the filter lets through. */
export function edgeCounts(forest: Forest, filter: Filter): { shown: number; total: number } {
  let shown = 0;
  let total = 0;
  const walk = (node: ForestNode): void => {
    if (node.edge) {
      total++;
      if (passes(node.edge, filter)) shown++;
    }
    node.children.forEach(walk);
  };
  forest.trees.forEach(walk);
  return { shown, total };
}

/** Number of nodes below `node`. */
export function descendants(node: ForestNode): number {
  return node.children.reduce((n, c) => n + 1 + descendants(c), 0);
}
