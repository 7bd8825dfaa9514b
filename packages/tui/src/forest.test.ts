import { describe, expect, it } from 'vitest';
import { fixtureReport, fixtureResult } from '../test/fixtures.js';
import {
  buildForest,
  descendants,
  independentKey,
  singletonsKey,
  visibleRows,
  type ForestNode,
} from './forest.js';

const shape = (n: ForestNode): unknown =>
  n.children.length > 0 ? { [n.id]: n.children.map(shape) } : n.id;

describe('buildForest', () => {
  it('nests children under parents by the relations, one tree per lineage entry', () => {
    const forest = buildForest(fixtureReport());
    expect(forest.trees.map(shape)).toEqual([
      { 'wire#1': [{ 'herald#1': ['digest#1'] }, 'blog#1', 'portal#1'] },
      { 'hidden:1': ['siteA#1', 'siteB#1'] },
    ]);
    expect(forest.independent.map((s) => s.id)).toEqual(['reuters#1']);
    expect(forest.singletons.map((s) => s.id)).toEqual(['recipes#1', 'sports#1']);
  });

  it('puts a story whose only relation is an independent pair in the independent group, not among singletons', () => {
    const forest = buildForest(
      fixtureReport({ lineage: [], relations: [] }),
      fixtureResult().stories.keys(),
    );
    expect(forest.independent.map((s) => s.id)).toEqual(['wire#1', 'reuters#1']);
    expect(forest.singletons.map((s) => s.id)).not.toContain('reuters#1');
  });

  it('keeps the incoming edge on each non-root node and marks hidden sources', () => {
    const [wire, hidden] = buildForest(fixtureReport()).trees;
    expect(wire?.edge).toBeNull();
    expect(wire?.children[1]?.edge).toMatchObject({
      parent: 'wire#1',
      child: 'blog#1',
      kind: 'spun',
    });
    expect(hidden?.hidden).toBe(true);
    expect(hidden?.children[0]?.edge?.parent).toBe('hidden:1');
    expect(wire && descendants(wire)).toBe(4);
  });

  it('keeps a member no relation reaches, under the root, instead of dropping it', () => {
    const report = fixtureReport({
      lineage: [{ root: 'wire#1', members: ['wire#1', 'blog#1', 'stray#1'] }],
    });
    const [tree] = buildForest(report).trees;
    expect(tree && shape(tree)).toEqual({ 'wire#1': ['blog#1', 'stray#1'] });
  });

  it('adds stories no lineage entry mentions as singletons', () => {
    const report = fixtureReport({ lineage: [{ root: 'wire#1', members: ['wire#1', 'blog#1'] }] });
    const forest = buildForest(report, fixtureResult().stories.keys());
    expect(forest.singletons.map((s) => s.id)).toContain('sports#1');
    expect(forest.singletons.map((s) => s.id)).not.toContain('blog#1');
  });
});

describe('visibleRows', () => {
  const forest = buildForest(fixtureReport());

  it('draws tree guides and hides collapsed subtrees', () => {
    const rows = visibleRows(forest, new Set([singletonsKey]));
    const labels = rows.map((r) =>
      r.type === 'group' ? `[${r.count}]` : `${r.guide}${r.node.id}`,
    );
    expect(labels).toEqual([
      'wire#1',
      '├─ herald#1',
      '│  └─ digest#1',
      '├─ blog#1',
      '└─ portal#1',
      'hidden:1',
      '├─ siteA#1',
      '└─ siteB#1',
      '[1]',
      '└─ reuters#1',
      '[2]',
    ]);
    const collapsed = visibleRows(forest, new Set(['wire#1/herald#1', 'hidden:1']));
    expect(collapsed.map((r) => (r.type === 'group' ? r.key : r.node.id))).toEqual([
      'wire#1',
      'herald#1',
      'blog#1',
      'portal#1',
      'hidden:1',
      independentKey,
      'reuters#1',
      singletonsKey,
      'recipes#1',
      'sports#1',
    ]);
  });
});
