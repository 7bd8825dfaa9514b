/**
 * Reuse in five languages whose words the default encoder does not know
 * (Chinese, Thai, Hindi, Urdu, Russian): test/fixtures/scripts, written by the team;
 * its README says how each copy was made. In each folder a light edit and a
 * partial copy derive from the original, and an independent report of the
 * same event, which shares one quotation with it, derives from nothing. No
 * model was fitted on any of these languages, so this is Stemma on text it
 * has never seen, through the CLI.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@stemma/core';
import { ensureBuilt, root, stemma } from './helpers.js';

const LANGUAGES = ['zh', 'th', 'hi', 'ur', 'ru'] as const;

describe.each(LANGUAGES)('stemma analyze test/fixtures/scripts/%s', (lang) => {
  let report: Report;
  beforeAll(() => {
    ensureBuilt();
    const r = stemma([
      'analyze',
      join(root, 'test/fixtures/scripts', lang),
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as Report;
  });
  const stories = () => report.documents.flatMap((d) => d.stories);
  const edge = (child: string) => report.relations.find((r) => r.child === child);

  it('reads the four pages as one story each, titled by their first line', () => {
    expect(
      stories()
        .map((s) => s.id)
        .sort(),
    ).toEqual(['independent#1', 'light-edit#1', 'original#1', 'partial#1']);
    for (const s of stories()) expect(s.title, s.id).toBeTruthy();
  });

  it('reads the date lines, as each language writes them', () => {
    expect(Object.fromEntries(stories().map((s) => [s.id, s.published]))).toEqual({
      'original#1': '2026-03-12',
      'independent#1': '2026-03-12',
      'light-edit#1': '2026-03-13',
      'partial#1': '2026-03-13',
    });
  });

  it('derives the light edit from the original, wholly', () => {
    expect(edge('light-edit#1')).toMatchObject({ parent: 'original#1', extent: 'wholly' });
  });

  it('derives the partial copy from the original, partially', () => {
    expect(edge('partial#1')).toMatchObject({ parent: 'original#1', extent: 'partially' });
  });

  it('names no common word as a name where the script has no capitals', () => {
    const reasons = report.independent
      .filter((p) => p.a === 'independent#1' || p.b === 'independent#1')
      .map((p) => p.reason);
    if (lang === 'ru') {
      // The mayor's name is the one the two Russian reports share.
      expect(reasons).toEqual([expect.stringContaining('names shared: игорь, левченко;')]);
    } else {
      for (const r of reasons) expect(r).toContain('no names read (a script without capitals)');
      expect(reasons.join(' ')).not.toContain('names shared');
    }
  });

  it('links the independent report to nothing and infers no hidden source', () => {
    const touching = report.relations.filter(
      (r) => r.parent === 'independent#1' || r.child === 'independent#1',
    );
    expect(touching).toEqual([]);
    expect(report.hidden).toEqual([]);
  });
});
