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
 * tree grouped as singletons, and the trees flattened into the rows
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
  /** Stories with no relation at all, in report order. */
  readonly singletons: readonly ForestNode[];
}

/** Key of the row that groups the singletons. */
export const singletonsKey = '#singletons';

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
 * children is a singleton; so are the stories no lineage entry mentions, and
 * any of `storyIds` (all stories of the run) not placed yet.
 */
export function buildForest(report: Report, storyIds: Iterable<string> = []): Forest {
  const placed = new Set<string>();
  const place = (node: ForestNode): ForestNode => {
    placed.add(node.id);
    node.children.forEach(place);
    return node;
  };

  const trees: ForestNode[] = [];
  const singletons: ForestNode[] = [];
  const alone = (node: ForestNode): void => {
    singletons.push(place(node));
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
  return { trees, singletons };
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
      readonly key: typeof singletonsKey;
      readonly count: number;
      readonly expanded: boolean;
    };

/**
 * The rows on screen: every tree, then the singletons group. A node's
 * children show unless its key is in `collapsed`.
 */
export function visibleRows(forest: Forest, collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];

  const walk = (node: ForestNode, depth: number, prefix: string, last: boolean, parentKey: string | null): void => {
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

  if (forest.singletons.length > 0) {
    const expanded = !collapsed.has(singletonsKey);
    rows.push({ type: 'group', key: singletonsKey, count: forest.singletons.length, expanded });
    if (expanded) {
      forest.singletons.forEach((s, i) => {
        rows.push({
          type: 'node',
          key: s.key,
          node: s,
          depth: 1,
          guide: i === forest.singletons.length - 1 ? '└─ ' : '├─ ',
          expanded: false,
          parentKey: singletonsKey,
        });
      });
    }
  }
  return rows;
}

/** Number of nodes below `node`. */
export function descendants(node: ForestNode): number {
  return node.children.reduce((n, c) => n + 1 + descendants(c), 0);
}
