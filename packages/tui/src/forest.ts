import type { Relation, Report } from '@stemma/core';

/*
 * The lineage forest as the tree view needs it: nested nodes built from
 * `report.lineage` (which stories belong together) and `report.relations`
 * (who descends from whom), then flattened into the rows currently visible.
 * Pure functions, so navigation is testable without rendering.
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

/**
 * Builds the forest. Children hang under parents by `report.relations`,
 * restricted to each tree's members; a member no edge reaches is kept, under
 * the root, rather than dropped. `storyIds` (all stories of the run) adds any
 * story no lineage entry mentions as a singleton.
 */
export function buildForest(report: Report, storyIds: Iterable<string> = []): Forest {
  const byParent = new Map<string, Relation[]>();
  for (const r of report.relations) {
    const list = byParent.get(r.parent);
    if (list) list.push(r);
    else byParent.set(r.parent, [r]);
  }

  const seen = new Set<string>();
  const trees: ForestNode[] = [];
  const singletons: ForestNode[] = [];

  for (const tree of report.lineage) {
    const members = new Set([tree.root, ...tree.members]);
    // Siblings keep the order core listed the members in.
    const order = new Map([...members].map((m, i) => [m, i]));
    const placed = new Set<string>([tree.root]);

    const grow = (id: string, key: string, edge: Relation | null): ForestNode => {
      const edges = (byParent.get(id) ?? [])
        .filter((r) => members.has(r.child) && !placed.has(r.child))
        .sort((x, y) => (order.get(x.child) ?? 0) - (order.get(y.child) ?? 0));
      for (const r of edges) placed.add(r.child);
      return {
        id,
        key,
        hidden: isHiddenId(id),
        edge,
        children: edges.map((r) => grow(r.child, `${key}/${r.child}`, r)),
      };
    };

    const root = grow(tree.root, tree.root, null);
    const strays = [...members]
      .filter((m) => !placed.has(m))
      .map((m): ForestNode => ({
        id: m,
        key: `${tree.root}/${m}`,
        hidden: isHiddenId(m),
        edge: report.relations.find((r) => r.child === m) ?? null,
        children: [],
      }));
    const node = strays.length > 0 ? { ...root, children: [...root.children, ...strays] } : root;

    for (const m of members) seen.add(m);
    if (node.children.length > 0) trees.push(node);
    else singletons.push(node);
  }

  for (const id of storyIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    singletons.push({ id, key: id, hidden: false, edge: null, children: [] });
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
