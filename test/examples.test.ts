/**
 * The bundled example corpus (examples/, written by the team, lineage known
 * by construction) must come out exactly as its answer key,
 * test/fixtures/examples-expected-lineage.json, says, through the CLI binary.
 * The key lives outside examples/ so the corpus holds only pages: the folder
 * must analyse without a single warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport, type Report } from '@stemma/core';
import { ensureBuilt, root, stemma } from './helpers.js';

interface Expected {
  relations: { parent: string; child: string; kind: string }[];
  independent: [string, string][];
  roots: string[];
  trees: { root: string; members: string[] }[];
}

const expected = JSON.parse(
  readFileSync(join(root, 'test/fixtures/examples-expected-lineage.json'), 'utf8'),
) as Expected;
const pair = (a: string, b: string) => [a, b].sort().join(' ~ ');

describe('stemma analyze examples', () => {
  let report: Report;
  beforeAll(() => {
    ensureBuilt();
    const r = stemma(['analyze', 'examples', '--format', 'json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as Report;
  });

  it('warns about nothing in the folder, even with --strict', () => {
    const r = stemma(['analyze', 'examples', '--strict']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints a schema-valid report', () => {
    expect(() => validateReport(report)).not.toThrow();
  });

  it('carries no paragraph text without --include-text (only --format html reads it for itself)', () => {
    const stories = report.documents.flatMap((d) => d.stories);
    expect(stories.length).toBeGreaterThan(0);
    expect(stories.filter((s) => s.paragraphs !== undefined)).toEqual([]);
  });

  it('reads every page of the corpus and nothing else', () => {
    const stories = report.documents.flatMap((d) => d.stories.map((s) => s.id)).sort();
    const all = new Set(expected.trees.flatMap((t) => t.members));
    expect(stories).toEqual([...all].sort());
  });

  it('finds exactly the true derivation edges, with direction and kind', () => {
    const got = report.relations.map((r) => `${r.parent} -> ${r.child}: ${r.kind}`).sort();
    const want = expected.relations.map((r) => `${r.parent} -> ${r.child}: ${r.kind}`).sort();
    expect(got).toEqual(want);
    expect(report.hidden).toEqual([]);
  });

  it('reports the independent article as independent coverage', () => {
    expect(report.independent.map((p) => pair(p.a, p.b)).sort()).toEqual(
      expected.independent.map(([a, b]) => pair(a, b)).sort(),
    );
  });

  it('draws the true forest', () => {
    const trees = (ts: readonly { root: string; members: readonly string[] }[]) =>
      ts.map((t) => `${t.root}: ${[...t.members].sort().join(' ')}`).sort();
    expect(trees(report.lineage)).toEqual(trees(expected.trees));
  });
});
