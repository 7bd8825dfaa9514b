import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Relation, Report, ReportDocument } from '../types.js';
import { splitByRelations, type StoredComponentReport } from './lineage.js';

const doc = (id: string, stories = 1): ReportDocument => ({
  id,
  path: `/in/${id}.txt`,
  title: null,
  publisher: null,
  published: null,
  stories: Array.from({ length: stories }, (_, i) => ({
    id: `${id}#${i + 1}`,
    title: null,
    byline: null,
    published: null,
    attribution: [],
    paragraphCount: 1,
    excerpt: '',
  })),
});

const edge = (parent: string, child: string): Relation => ({
  parent,
  child,
  kind: 'edited',
  confidence: 0.9,
  scores: { semantic: 1, lexical: 1, coverage: 1, paraphrase: 1, rewording: 0 },
  alignment: [],
  evidence: [],
});

const report = (over: Partial<Report>): Report => ({
  schemaVersion: 2,
  generator: { name: 'stemma', version: '0' },
  encoder: { name: 'e', dimensions: 2, backend: 'cpu' },
  documents: [],
  relations: [],
  independent: [],
  lineage: [],
  hidden: [],
  quotations: [],
  warnings: [],
  ...over,
});

describe('splitByRelations', () => {
  it('stores a group as the components its relations connect, unrelated pages alone', () => {
    const parts = splitByRelations(
      report({
        documents: [doc('a'), doc('b'), doc('c'), doc('d'), doc('e')],
        // a → b; c and d copied from one lost source; e relates to nothing.
        relations: [edge('a#1', 'b#1'), edge('hidden:1', 'c#1'), edge('hidden:1', 'd#1')],
        hidden: [{ id: 'hidden:1', children: ['c#1', 'd#1'], reason: 'r' }],
        lineage: [
          { root: 'a#1', members: ['a#1', 'b#1'] },
          { root: 'hidden:1', members: ['hidden:1', 'c#1', 'd#1'] },
        ],
        independent: [{ a: 'b#1', b: 'e#1', reason: 'same event' }],
      }),
    );
    expect(parts.map((p) => p.docs)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(parts.map((p) => p.relations.length)).toEqual([1, 2, 0]);
    const [ab, cd, e] = parts.map(
      (p) => JSON.parse(gunzipSync(p.packed).toString('utf8')) as StoredComponentReport,
    );
    expect(ab?.independent).toHaveLength(1);
    expect(cd?.hidden.map((h) => h.id)).toEqual(['hidden:1']);
    expect(cd?.lineage.map((t) => t.root)).toEqual(['hidden:1']);
    expect(e?.lineage).toEqual([]);
    // Each packed report owns exactly its bytes: zlib's own output is a view of
    // a 16 KiB chunk, which a write would hold (and a worker's answer clone) whole.
    for (const p of parts) expect(p.packed.buffer.byteLength).toBe(p.packed.byteLength);
  });

  it('keeps the stories of one page in one component (a page relates as a whole)', () => {
    const parts = splitByRelations(
      report({
        documents: [doc('agg', 2), doc('x'), doc('y')],
        relations: [edge('x#1', 'agg#1'), edge('y#1', 'agg#2')],
      }),
    );
    expect(parts.map((p) => p.docs)).toEqual([['agg', 'x', 'y']]);
  });
});
