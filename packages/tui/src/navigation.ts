import type { DetailMode } from './detail-lines.js';
import {
  filterKinds,
  noFilter,
  searchTargets,
  singletonsKey,
  visibleRows,
  type Filter,
  type Forest,
  type Row,
} from './forest.js';
import { matcher, type SearchIndex } from './search.js';

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
  /** Which edges the tree shows. */
  readonly filter: Filter;
  /** The search (`/`); empty when none. */
  readonly query: string;
  /** True while the query is being typed. */
  readonly typing: boolean;
}

export type NavAction =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'expand' }
  | { readonly type: 'collapse' }
  | { readonly type: 'toggle' }
  | { readonly type: 'scroll'; readonly by: number; readonly max: number }
  | { readonly type: 'mode'; readonly mode: DetailMode }
  /** Select the selected node's parent (`p`) or first child (`c`). */
  | { readonly type: 'jump'; readonly to: 'parent' | 'child' }
  /** Cycle the kind filter forwards (1) or backwards (-1). */
  | { readonly type: 'filter-kind'; readonly by: 1 | -1 }
  /** Raise (1) or lower (-1) the lowest confidence shown by 0.1. */
  | { readonly type: 'filter-confidence'; readonly by: 1 | -1 }
  | { readonly type: 'search-start' }
  | { readonly type: 'search-type'; readonly text: string }
  | { readonly type: 'search-erase' }
  /** Stop typing, keep the query (enter). */
  | { readonly type: 'search-keep' }
  /** Drop the query (esc). */
  | { readonly type: 'search-clear' }
  /** Next (1) or previous (-1) match, wrapping around. */
  | { readonly type: 'search-next'; readonly by: 1 | -1 };

/** Trees start expanded, the singletons group collapsed, the first row selected. */
export function initialNav(forest: Forest): NavState {
  const collapsed = new Set([singletonsKey]);
  return {
    selectedKey: visibleRows(forest, collapsed)[0]?.key ?? null,
    collapsed,
    scroll: 0,
    mode: 'node',
    filter: noFilter,
    query: '',
    typing: false,
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

/** Selects `key`, first expanding the rows above it. */
function reveal(state: NavState, key: string, ancestors: readonly string[]): NavState {
  const hidden = ancestors.filter((a) => state.collapsed.has(a));
  const collapsed =
    hidden.length === 0
      ? state.collapsed
      : new Set([...state.collapsed].filter((k) => !hidden.includes(k)));
  return { ...state, collapsed, selectedKey: key, scroll: 0, mode: 'node' };
}

/**
 * The keys of the nodes matching the query, in row order (collapsed ones
 * included), among those the filter keeps.
 */
export function searchMatches(state: NavState, forest: Forest, index: SearchIndex): string[] {
  const test = matcher(index, state.query);
  return searchTargets(forest, state.filter)
    .filter((t) => !t.node.hidden && test(t.node.id))
    .map((t) => t.node.key);
}

/**
 * Steps to the next match after the selection (`by` 1), the previous one
 * (-1), or the first at or after it (0, while typing). Stays put when
 * nothing matches.
 */
function findMatch(state: NavState, forest: Forest, index: SearchIndex, by: -1 | 0 | 1): NavState {
  const test = matcher(index, state.query);
  const targets = searchTargets(forest, state.filter);
  const n = targets.length;
  if (n === 0) return state;
  const here = targets.findIndex((t) => t.node.key === state.selectedKey);
  // From a group row (not a target) a forward search starts at the top.
  const from = here === -1 ? (by === -1 ? 0 : -1) : here;
  const step = by === -1 ? -1 : 1;
  const first = by === 0 ? Math.max(0, from) : from + step;
  for (let i = 0; i < n; i++) {
    const t = targets[(((first + step * i) % n) + n) % n];
    if (t && !t.node.hidden && test(t.node.id)) return reveal(state, t.node.key, t.ancestors);
  }
  return state;
}

/** After a filter change: keep the selection when it still shows, else take the first row. */
function refilter(state: NavState, filter: Filter, forest: Forest): NavState {
  const rows = visibleRows(forest, state.collapsed, filter);
  const keep = rows.some((r) => r.key === state.selectedKey);
  return {
    ...state,
    filter,
    selectedKey: keep ? state.selectedKey : (rows[0]?.key ?? null),
    scroll: keep ? state.scroll : 0,
  };
}

/** One key's effect. `index` is what the search looks in (none: search finds nothing). */
export function navigate(
  state: NavState,
  action: NavAction,
  forest: Forest,
  index: SearchIndex = new Map(),
): NavState {
  const rows = visibleRows(forest, state.collapsed, state.filter);
  const index0 = Math.max(
    0,
    rows.findIndex((r) => r.key === state.selectedKey),
  );
  const row = rows[index0];

  switch (action.type) {
    case 'move': {
      const next = Math.min(rows.length - 1, Math.max(0, index0 + action.by));
      return select(state, rows[next]?.key ?? null);
    }
    case 'expand':
      if (!row) return state;
      if (expandable(row) && state.collapsed.has(row.key))
        return withCollapsed(state, row.key, false);
      if (expandable(row)) return select(state, rows[index0 + 1]?.key ?? row.key);
      return state;
    case 'collapse':
      if (!row) return state;
      if (expandable(row) && !state.collapsed.has(row.key))
        return withCollapsed(state, row.key, true);
      return select(state, parentKey(row) ?? row.key);
    case 'toggle':
      // The help covers the tree: enter closes it rather than fold a row unseen.
      if (state.mode === 'help') return { ...state, mode: 'node', scroll: 0 };
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
    case 'jump': {
      if (!row || row.type !== 'node') return state;
      if (action.to === 'parent')
        return row.parentKey === null ? state : select(state, row.parentKey);
      if (row.node.children.length === 0) return state;
      const opened = state.collapsed.has(row.key) ? withCollapsed(state, row.key, false) : state;
      const below = visibleRows(forest, opened.collapsed, state.filter)[index0 + 1];
      return below && below.type === 'node' && below.parentKey === row.key
        ? select(opened, below.key)
        : state;
    }
    case 'filter-kind': {
      const at = filterKinds.indexOf(state.filter.kind);
      const kind = filterKinds[(at + action.by + filterKinds.length) % filterKinds.length] ?? 'all';
      return refilter(state, { ...state.filter, kind }, forest);
    }
    case 'filter-confidence': {
      const minTenths = Math.min(10, Math.max(0, state.filter.minTenths + action.by));
      return minTenths === state.filter.minTenths
        ? state
        : refilter(state, { ...state.filter, minTenths }, forest);
    }
    case 'search-start':
      return { ...state, typing: true, query: '' };
    case 'search-type':
      return findMatch({ ...state, query: state.query + action.text }, forest, index, 0);
    case 'search-erase': {
      const query = [...state.query].slice(0, -1).join('');
      return query === '' ? { ...state, query } : findMatch({ ...state, query }, forest, index, 0);
    }
    case 'search-keep':
      return { ...state, typing: false };
    case 'search-clear':
      return { ...state, typing: false, query: '' };
    case 'search-next':
      return findMatch(state, forest, index, action.by);
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
