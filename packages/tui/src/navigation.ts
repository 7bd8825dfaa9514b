import type { DetailMode } from './detail-lines.js';
import { singletonsKey, visibleRows, type Forest, type Row } from './forest.js';

/*
 * What the keys do, as a pure reducer over the forest, so key handling is
 * testable and consecutive key presses compose (each sees the previous
 * result, not a stale render).
 */

export interface NavState {
  readonly selectedKey: string | null;
  /** Keys of collapsed nodes (and of the singletons group). */
  readonly collapsed: ReadonlySet<string>;
  /** First detail line shown. */
  readonly scroll: number;
  readonly mode: DetailMode;
}

export type NavAction =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'expand' }
  | { readonly type: 'collapse' }
  | { readonly type: 'toggle' }
  | { readonly type: 'scroll'; readonly by: number; readonly max: number }
  | { readonly type: 'mode'; readonly mode: DetailMode };

/** Trees start expanded, the singletons group collapsed, the first row selected. */
export function initialNav(forest: Forest): NavState {
  const collapsed = new Set([singletonsKey]);
  return {
    selectedKey: visibleRows(forest, collapsed)[0]?.key ?? null,
    collapsed,
    scroll: 0,
    mode: 'node',
  };
}

function expandable(row: Row): boolean {
  return row.type === 'group' || row.node.children.length > 0;
}

function parentKey(row: Row): string | null {
  return row.type === 'node' ? row.parentKey : null;
}

function select(state: NavState, key: string | null): NavState {
  return key === state.selectedKey && state.mode === 'node'
    ? state
    : { ...state, selectedKey: key, scroll: 0, mode: 'node' };
}

function withCollapsed(state: NavState, key: string, collapse: boolean): NavState {
  const collapsed = new Set(state.collapsed);
  if (collapse) collapsed.add(key);
  else collapsed.delete(key);
  return { ...state, collapsed, scroll: 0 };
}

export function navigate(state: NavState, action: NavAction, forest: Forest): NavState {
  const rows = visibleRows(forest, state.collapsed);
  const index = Math.max(
    0,
    rows.findIndex((r) => r.key === state.selectedKey),
  );
  const row = rows[index];

  switch (action.type) {
    case 'move': {
      const next = Math.min(rows.length - 1, Math.max(0, index + action.by));
      return select(state, rows[next]?.key ?? null);
    }
    case 'expand':
      if (!row) return state;
      if (expandable(row) && state.collapsed.has(row.key))
        return withCollapsed(state, row.key, false);
      if (expandable(row)) return select(state, rows[index + 1]?.key ?? row.key);
      return state;
    case 'collapse':
      if (!row) return state;
      if (expandable(row) && !state.collapsed.has(row.key))
        return withCollapsed(state, row.key, true);
      return select(state, parentKey(row) ?? row.key);
    case 'toggle':
      if (!row || !expandable(row))
        return state.mode === 'node' ? state : { ...state, mode: 'node', scroll: 0 };
      return withCollapsed(state, row.key, !state.collapsed.has(row.key));
    case 'scroll':
      // Clamp the stored offset first: after a resize it may lie past the end.
      return {
        ...state,
        scroll: Math.min(action.max, Math.max(0, Math.min(state.scroll, action.max) + action.by)),
      };
    case 'mode':
      return { ...state, mode: state.mode === action.mode ? 'node' : action.mode, scroll: 0 };
  }
}

/** The first visible line of a window of `height` over `count` lines that keeps `index` in view. */
export function windowStart(
  previous: number,
  index: number,
  height: number,
  count: number,
): number {
  let start = previous;
  if (index < start) start = index;
  if (index >= start + height) start = index - height + 1;
  return Math.max(0, Math.min(start, count - height));
}
