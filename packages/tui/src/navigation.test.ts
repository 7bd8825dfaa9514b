import { describe, expect, it } from 'vitest';
import { fixtureReport, fixtureResult } from '../test/fixtures.js';
import { buildForest, singletonsKey, visibleRows } from './forest.js';
import {
  initialNav,
  navigate,
  searchMatches,
  windowStart,
  type NavAction,
  type NavState,
} from './navigation.js';
import { buildSearchIndex } from './search.js';

const forest = buildForest(fixtureReport());
const run = (...actions: NavAction[]): NavState =>
  actions.reduce((s, a) => navigate(s, a, forest), initialNav(forest));
const down = (by = 1): NavAction => ({ type: 'move', by });

describe('navigate', () => {
  it('starts on the first root with the singletons collapsed', () => {
    expect(initialNav(forest)).toMatchObject({ selectedKey: 'wire#1', mode: 'node', scroll: 0 });
    expect(initialNav(forest).collapsed.has(singletonsKey)).toBe(true);
  });

  it('moves within bounds', () => {
    expect(run(down(-1)).selectedKey).toBe('wire#1');
    expect(run(down(2)).selectedKey).toBe('wire#1/herald#1/digest#1');
    expect(run(down(Infinity)).selectedKey).toBe(singletonsKey);
  });

  it('right expands a collapsed node, then steps into it; left collapses, then goes to the parent', () => {
    expect(run(down(), { type: 'collapse' }).collapsed.has('wire#1/herald#1')).toBe(true);
    expect(
      run(down(), { type: 'collapse' }, { type: 'expand' }).collapsed.has('wire#1/herald#1'),
    ).toBe(false);
    expect(run(down(), { type: 'expand' }).selectedKey).toBe('wire#1/herald#1/digest#1');
    expect(run(down(2), { type: 'collapse' }).selectedKey).toBe('wire#1/herald#1');
    expect(run(down(Infinity), { type: 'expand' }, down(), { type: 'collapse' }).selectedKey).toBe(
      singletonsKey,
    );
  });

  it('enter toggles; on a leaf it leaves the state alone', () => {
    expect(run({ type: 'toggle' }).collapsed.has('wire#1')).toBe(true);
    expect(run({ type: 'toggle' }, { type: 'toggle' }).collapsed.has('wire#1')).toBe(false);
    const leaf = run(down(3));
    expect(navigate(leaf, { type: 'toggle' }, forest)).toBe(leaf);
  });

  it('clamps scrolling, and a new selection starts at the top in node mode', () => {
    expect(run({ type: 'scroll', by: 50, max: 6 }).scroll).toBe(6);
    expect(run({ type: 'scroll', by: -5, max: 6 }).scroll).toBe(0);
    // Past the end after a resize: one step up is visible at once.
    expect(run({ type: 'scroll', by: 9, max: 9 }, { type: 'scroll', by: -1, max: 4 }).scroll).toBe(
      3,
    );
    const s = run({ type: 'scroll', by: 3, max: 6 }, { type: 'mode', mode: 'independent' });
    expect(s).toMatchObject({ mode: 'independent', scroll: 0 });
    expect(navigate(s, { type: 'mode', mode: 'independent' }, forest).mode).toBe('node');
    expect(navigate({ ...s, scroll: 4 }, down(), forest)).toMatchObject({
      mode: 'node',
      scroll: 0,
    });
  });
});

describe('windowStart', () => {
  it('keeps the index in view, moving as little as possible', () => {
    expect(windowStart(0, 3, 5, 20)).toBe(0);
    expect(windowStart(0, 7, 5, 20)).toBe(3);
    expect(windowStart(6, 4, 5, 20)).toBe(4);
    expect(windowStart(15, 19, 5, 10)).toBe(5);
    expect(windowStart(3, 0, 5, 3)).toBe(0);
  });
});

describe('filter, search and jumps', () => {
  const result = fixtureResult();
  const index = buildSearchIndex(result);
  const go = (...actions: NavAction[]): NavState =>
    actions.reduce((s, a) => navigate(s, a, forest, index), initialNav(forest));

  it('a kind filter keeps matching edges and the path to them; the selection moves onto a shown row', () => {
    const edited = go(down(4), { type: 'filter-kind', by: 1 }, { type: 'filter-kind', by: 1 });
    expect(edited.filter).toEqual({ kind: 'edited', minTenths: 0 });
    const rows = visibleRows(forest, edited.collapsed, edited.filter);
    expect(rows.map((r) => [r.key, r.type === 'node' && r.context])).toEqual([
      ['wire#1', true],
      ['wire#1/herald#1', true],
      ['wire#1/herald#1/digest#1', false],
      ['hidden:1', true],
      ['hidden:1/siteA#1', false],
    ]);
    // portal#1 (row 4) does not show any more: the first row is selected.
    expect(edited.selectedKey).toBe('wire#1');
  });

  it('confidence steps stop at 0 and 1', () => {
    expect(go({ type: 'filter-confidence', by: -1 }).filter.minTenths).toBe(0);
    const up = Array.from({ length: 12 }, (): NavAction => ({ type: 'filter-confidence', by: 1 }));
    expect(go(...up).filter.minTenths).toBe(10);
  });

  it('search reveals a match inside a collapsed node and skips hidden sources', () => {
    const s = go(
      { type: 'collapse' },
      { type: 'search-start' },
      { type: 'search-type', text: 'forces' },
    );
    expect(s.selectedKey).toBe('wire#1/herald#1/digest#1');
    expect(s.collapsed.has('wire#1')).toBe(false);
    expect(searchMatches(s, forest, index)).toEqual(['wire#1/herald#1/digest#1']);
    expect(searchMatches({ ...s, query: 'hidden' }, forest, index)).toEqual([]);
  });

  it('p and c move to the parent and the first child, expanding a collapsed node', () => {
    const collapsed = go(down(), { type: 'collapse' });
    expect(collapsed.collapsed.has('wire#1/herald#1')).toBe(true);
    const child = navigate(collapsed, { type: 'jump', to: 'child' }, forest, index);
    expect(child.selectedKey).toBe('wire#1/herald#1/digest#1');
    expect(navigate(child, { type: 'jump', to: 'parent' }, forest, index).selectedKey).toBe(
      'wire#1/herald#1',
    );
  });

  it('enter closes the help instead of folding the row hidden under it', () => {
    const closed = go({ type: 'mode', mode: 'help' }, { type: 'toggle' });
    expect(closed.mode).toBe('node');
    expect(closed.collapsed.has('wire#1')).toBe(false);
  });
});
