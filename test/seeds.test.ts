/**
 * The five real pages in ../shared/seeds (others' copyright: read at test
 * time, never copied into the project). What a careful editor concludes after
 * reading them, and what Stemma must conclude by the same general method:
 *  - page 000 is an aggregator carrying three stories (BBC, RT, AP);
 *  - page 001 is a spun rewrite of the AP story;
 *  - page 002 is a machine-translated rewrite of an earlier version of the AP
 *    story: it carries AP paragraphs that 000's copy lacks, so the two are
 *    siblings under the AP wire story, which is not in the corpus;
 *  - pages 003 (NYT copy) and 004 (NPR/WEKU) report the event independently,
 *    as do the BBC and RT stories: quotations shared, text not.
 * Skips cleanly when ../shared is absent.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport, type Report } from '@stemma/core';
import { ensureBuilt, root, stemma } from './helpers.js';

const seeds = join(root, '../shared/seeds');
const present = existsSync(seeds);

describe.skipIf(!present)('stemma analyze ../shared/seeds', () => {
  let report: Report;
  const page = (prefix: string) => {
    const id = readdirSync(seeds)
      .find((f) => f.startsWith(prefix))!
      .replace(/\.txt$/, '');
    return id;
  };
  let ap: string,
    bbc: string,
    rt: string,
    spun: string,
    translated: string,
    nyt: string,
    npr: string;

  beforeAll(() => {
    ensureBuilt();
    const r = stemma(['analyze', seeds, '--format', 'json', '--quiet']);
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as Report;
    [bbc, rt, ap] = [1, 2, 3].map((n) => `${page('000')}#${n}`) as [string, string, string];
    spun = `${page('001')}#1`;
    translated = `${page('002')}#1`;
    nyt = `${page('003')}#1`;
    npr = `${page('004')}#1`;
  });

  it('is schema-valid and splits the aggregator page into three stories', () => {
    expect(() => validateReport(report)).not.toThrow();
    expect(report.documents.map((d) => d.stories.length)).toEqual([3, 1, 1, 1, 1]);
  });

  it('derives the spun page from the AP story', () => {
    const r = report.relations.find((x) => x.child === spun);
    expect(r?.parent).toBe(ap);
    expect(r?.kind).toBe('spun');
  });

  it('makes the translated page and the AP copy siblings under a hidden AP source', () => {
    const r = report.relations.find((x) => x.child === translated);
    expect(r?.kind).toBe('translated');
    expect(r?.parent).toMatch(/^hidden:/);
    expect(report.relations.find((x) => x.child === ap)?.parent).toBe(r?.parent);
    expect(report.hidden.map((h) => [...h.children].sort())).toEqual([[ap, translated].sort()]);
  });

  it('links no independent report by derivation', () => {
    const linked = new Set(report.relations.flatMap((x) => [x.parent, x.child]));
    for (const s of [bbc, rt, nyt, npr]) expect(linked.has(s)).toBe(false);
  });

  it('reports every pair of independent reports as independent coverage', () => {
    const got = new Set(report.independent.map((p) => [p.a, p.b].sort().join(' ~ ')));
    const originals = [bbc, rt, ap, nyt, npr];
    for (let i = 0; i < originals.length; i++)
      for (let j = i + 1; j < originals.length; j++)
        expect(got.has([originals[i]!, originals[j]!].sort().join(' ~ '))).toBe(true);
  });
});
