import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../test/fixtures.js';
import { buildForest, singletonsKey } from './forest.js';
import { initialNav, navigate, windowStart, type NavAction, type NavState } from './navigation.js';

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
