import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../test/helpers/report.js';
import { buildForest, type ForestNode } from './forest.js';

const shape = (n: ForestNode): unknown =>
  n.children.length > 0 ? { [n.id]: n.children.map(shape) } : n.seen ? `${n.id} (seen)` : n.id;
const edges = (nodes: readonly ForestNode[]): string[] =>
  nodes.flatMap((n) => [
    ...(n.via ? [`${n.via.parent}>${n.via.child}`] : []),
    ...edges(n.children),
  ]);

describe('buildForest', () => {
  it('draws every relation of the fixture exactly once', () => {
    const drawn = edges(buildForest(fixtureReport));
    expect(drawn.sort()).toEqual(
      fixtureReport.relations.map((r) => `${r.parent}>${r.child}`).sort(),
    );
  });

  it('follows edges only to members of the tree, drawing an edge that leaves it apart', () => {
    const [first, ...rest] = fixtureReport.relations.filter((r) => r.parent === 'wire#1');
    if (!first) throw new Error('fixture has no wire#1 edges');
    const report = {
      ...fixtureReport,
      lineage: [{ root: 'wire#1', members: ['wire#1', first.child] }],
    };
    const forest = buildForest(report);
    expect(shape(forest[0] as ForestNode)).toEqual({ 'wire#1': [first.child] });
    // The parent is drawn again, marked seen, with the edges that left its tree.
    const again = forest.find((t, i) => i > 0 && t.id === 'wire#1');
    expect(again?.seen).toBe(true);
    expect(again?.children.map((c) => c.id)).toEqual(
      [...rest].sort((x, y) => y.confidence - x.confidence).map((r) => r.child),
    );
    expect(edges(forest).sort()).toEqual(
      report.relations.map((r) => `${r.parent}>${r.child}`).sort(),
    );
  });
});
