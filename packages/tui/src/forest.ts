import {
  buildForest as buildLineageForest,
  unlinkedStories,
  type ForestNode as LineageNode,
  type Relation,
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
  for (const id of [...unlinkedStories(report), ...storyIds]) {
    if (!placed.has(id)) alone({ id, key: id, hidden: false, edge: null, children: [] });
  }
  return { trees, independent, singletons };
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
    }
  | {
      readonly type: 'group';
      readonly key: GroupKey;
      readonly count: number;
      readonly expanded: boolean;
    };

/**
 * The rows on screen: every tree, then the independent and singletons
 * groups. A node's children show unless its key is in `collapsed`.
 */
export function visibleRows(forest: Forest, collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];

  const walk = (
    node: ForestNode,
    depth: number,
    prefix: string,
    last: boolean,
    parentKey: string | null,
  ): void => {
    const expanded = node.children.length > 0 && !collapsed.has(node.key);
    const guide = depth === 0 ? '' : `${prefix}${last ? '└─ ' : '├─ '}`;
    rows.push({ type: 'node', key: node.key, node, depth, guide, expanded, parentKey });
    if (!expanded) return;
    const childPrefix = depth === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`;
    node.children.forEach((child, i) => {
      walk(child, depth + 1, childPrefix, i === node.children.length - 1, node.key);
    });
  };

  for (const tree of forest.trees) walk(tree, 0, '', true, null);

  const groups: readonly [GroupKey, readonly ForestNode[]][] = [
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
      });
    });
  }
  return rows;
}

/** Number of nodes below `node`. */
export function descendants(node: ForestNode): number {
  return node.children.reduce((n, c) => n + 1 + descendants(c), 0);
}
