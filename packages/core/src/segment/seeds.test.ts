/**
 * The real pages in ../shared/seeds (next to the repository; skipped when
 * absent). Assertions are structural — counts, dates, short patterns — so no
 * sentence of those pages is copied here.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../ingest/ingest.js';
import type { IngestedDoc, SegmentedDoc, Story } from '../types.js';
import { segment } from './segment.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = path.resolve(repoRoot, '../shared/seeds');

const FURNITURE = [
  /advertisement/i,
  /please enter your/i,
  /^share\b/i,
  /subscribe|newsletter/i,
  /related (?:articles|news)/i,
  /^read (?:also|more)\b/i,
  /^watch:/i,
  /did you miss/i,
  /fair use|copyright/i,
  /https?:\/\/|www\./,
  /^comments?\b/i,
  /privacy policy|terms and conditions/i,
  /media caption|getty images|via AP$/i,
  /is a journalist|news website|years? of experience|decade of experience/i,
  /^(?:By|Title|Sourced From|Published Date):/,
  /contributed to this report|^with reporting from/i,
  /\| AP News$| - BBC News$| — RT\b/,
  /editorial note/i,
];

describe.skipIf(!existsSync(dir))('segment on the seed pages', () => {
  const pages = new Map<string, { doc: IngestedDoc; seg: SegmentedDoc }>();
  const page = (prefix: string): { doc: IngestedDoc; seg: SegmentedDoc } => {
    const found = [...pages.entries()].find(([id]) => id.startsWith(prefix))?.[1];
    if (!found) throw new Error(`no seed page ${prefix}`);
    return found;
  };
  const story = (prefix: string, n: number): Story => {
    const s = page(prefix).seg.stories[n];
    if (!s) throw new Error(`no story ${n} on ${prefix}`);
    return s;
  };

  beforeAll(async () => {
    const files = readdirSync(dir)
      .filter((f) => /^\d{3}_.*\.txt$/.test(f))
      .map((f) => path.join(dir, f));
    const { docs } = await ingest(files);
    for (const doc of docs) pages.set(doc.id, { doc, seg: segment(doc) });
  });

  it('reads five pages: one aggregator with three stories, four single-story pages', () => {
    expect(pages.size).toBe(5);
    expect(['000', '001', '002', '003', '004'].map((p) => page(p).seg.stories.length)).toEqual([
      3, 1, 1, 1, 1,
    ]);
  });

  it('keeps every paragraph free of furniture, with offsets into the page text', () => {
    for (const { doc, seg } of pages.values()) {
      for (const s of seg.stories) {
        expect(s.id).toMatch(new RegExp(`^${doc.id}#[1-9]$`));
        for (const p of s.paragraphs) {
          for (const re of FURNITURE) expect(p.text, `${s.id} ¶${p.index}`).not.toMatch(re);
          expect(doc.text.slice(p.start, p.end).replace(/\s+/g, ' ')).toBe(p.text);
          // Headings and one-word lines are not paragraphs.
          expect(p.text.split(' ').length).toBeGreaterThanOrEqual(3);
        }
      }
    }
  });

  it('000: a BBC, an RT and an AP story, each with its own date, source and closing line', () => {
    const { seg } = page('000');
    expect(seg.published).toBe('2022-01-02');
    expect(seg.title).toMatch(/Putin-Biden/);
    const [bbc, rt, ap] = [story('000', 0), story('000', 1), story('000', 2)];
    expect(bbc.title).toMatch(/Putin tells Biden/);
    expect(bbc).toMatchObject({ source: 'BBC', published: '2021-12-31', byline: null });
    expect(bbc.attribution.at(-1)).toMatch(/ - BBC News$/);
    expect(rt.title).toMatch(/complete breakdown/);
    expect(rt.byline).toMatch(/MacDonald/);
    expect(rt.source).toBe('RT');
    expect(rt.attribution.at(-1)).toMatch(/ — RT /);
    expect(ap.title).toMatch(/rupture/);
    // The byline the page writes in capitals ("By NAME and NAME"), title-cased.
    const caps = /^By ([A-Z][A-Z .'-]+ and [A-Z][A-Z .'-]+)$/m.exec(page('000').doc.text)?.[1];
    expect(caps).toBeDefined();
    const titleCase = (name: string) => name.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
    expect(ap.byline).toBe(caps!.split(' and ').map(titleCase).join(' and '));
    expect(ap).toMatchObject({ source: 'AP', published: '2021-12-30' });
    expect(ap.attribution[0]).toMatch(/^WILMINGTON, Del\. \(AP\) —$/);
    expect(ap.attribution.some((a) => /contributed to this report\.$/.test(a))).toBe(true);
    expect(ap.attribution.at(-1)).toMatch(/ \| AP News$/);
    // The BBC section after its subhead stays in the BBC story; the AP credits are not paragraphs.
    expect([bbc, rt, ap].map((s) => s.paragraphs.length)).toEqual([26, 12, 33]);
  });

  it('001: one spun story without the weather, date widget, author box or comment form', () => {
    const { seg } = page('001');
    const s = story('001', 0);
    expect(s.title).toMatch(/Sanctions/);
    expect(seg.published).toBe('2023-03-20');
    expect(s.published).toBeNull();
    expect(s.byline).not.toBeNull();
    expect(s.paragraphs).toHaveLength(34);
    expect(s.paragraphs[0]?.text).toMatch(/^President Joe Biden/);
  });

  it('002: one translated AP story; teasers and the desk box are dropped, the AP credit kept as attribution', () => {
    const s = story('002', 0);
    expect(s.title).toMatch(/Biden and Putin/);
    expect(s.source).toBe('AP');
    expect(s.published).toBeNull();
    expect(s.paragraphs[0]?.text).toMatch(/^WILMINGTON, Delaware \(AP\)/);
    expect(s.attribution.some((a) => /contributed to this report/.test(a))).toBe(true);
    expect(s.paragraphs).toHaveLength(34);
  });

  it('003: one NYT copy; the By/Title/Sourced From/Published Date block is attribution', () => {
    const s = story('003', 0);
    expect(s.title).toMatch(/Putin/);
    expect(s.byline).toMatch(/Sanger/);
    expect(s).toMatchObject({ source: 'NYT', published: '2021-12-31' });
    expect(s.attribution.map((a) => a.split(':')[0])).toEqual([
      'By',
      'Title',
      'Sourced From',
      'Published Date',
    ]);
    expect(s.paragraphs[0]?.text).toMatch(/^WASHINGTON — /);
    expect(s.paragraphs).toHaveLength(14);
  });

  it('004: one NPR story; image links, captions, related teasers and station info are dropped', () => {
    const s = story('004', 0);
    expect(s.title).toMatch(/Putin/);
    expect(s.byline).toMatch(/^Franco Ordo/);
    expect(s).toMatchObject({ source: 'NPR', published: '2021-12-31' });
    expect(s.attribution.some((a) => /^With reporting from NPR/.test(a))).toBe(true);
    expect(s.paragraphs).toHaveLength(24);
    // Nothing of the teasers from other outlets after the story.
    expect(s.paragraphs.some((p) => /\(AP\) —|\.\.\.$/.test(p.text))).toBe(false);
  });
});
