import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../test/helpers/report.js';
import { compareRows, renderComparison, wordDiff } from './html-compare.js';
import { renderHtml } from './html.js';
import type { Relation, Report } from '../types.js';

const html = renderHtml(fixtureReport);

/** Every tag the renderer itself writes; a page must hold no other. */
const pageTags = [
  'a',
  'blockquote',
  'body',
  'br',
  'code',
  'colgroup',
  'col',
  'dd',
  'defs',
  'del',
  'div',
  'dl',
  'dt',
  'g',
  'h1',
  'h2',
  'h3',
  'h4',
  'head',
  'html',
  'ins',
  'li',
  'line',
  'mark',
  'marker',
  'meta',
  'nav',
  'ol',
  'p',
  'path',
  'rect',
  'section',
  'span',
  'strong',
  'style',
  'svg',
  'table',
  'tbody',
  'td',
  'text',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
].sort();

/** The fixture with paragraph text on every story (as `includeText` gives). */
function withText(paragraphs: (id: string) => string[]): Report {
  return {
    ...fixtureReport,
    documents: fixtureReport.documents.map((d) => ({
      ...d,
      stories: d.stories.map((s) => ({ ...s, paragraphs: paragraphs(s.id) })),
    })),
  };
}

/** A report of two stories, `src#1` and `copy#1`, with one relation between them. */
function pair(
  parent: string[],
  child: string[],
  alignment: [number, number][],
  kind: Relation['kind'] = 'spun',
): Report {
  const story = (id: string, paragraphs: string[]) => ({
    id,
    title: `Title of ${id}`,
    byline: null,
    published: null,
    attribution: [],
    paragraphCount: paragraphs.length,
    excerpt: paragraphs[0] ?? '',
    paragraphs,
  });
  return {
    ...fixtureReport,
    documents: [
      {
        id: 'src',
        path: 'src.txt',
        title: null,
        publisher: null,
        published: null,
        stories: [story('src#1', parent)],
      },
      {
        id: 'copy',
        path: 'copy.txt',
        title: null,
        publisher: null,
        published: null,
        stories: [story('copy#1', child)],
      },
    ],
    relations: [
      {
        parent: 'src#1',
        child: 'copy#1',
        kind,
        confidence: 0.9,
        scores: { semantic: 0.9, lexical: 0.5, coverage: 1, paraphrase: 0.86, rewording: 0.45 },
        alignment: alignment.map(([p, c]) => ({
          parentParagraph: p,
          childParagraph: c,
          semantic: 0.9,
          lexical: 0.5,
        })),
        evidence: ['for: story dates'],
      },
    ],
    independent: [],
    lineage: [{ root: 'src#1', members: ['src#1', 'copy#1'] }],
    hidden: [],
    warnings: [],
  };
}

/** The relation's section of a page. */
function section(page: string, n = 1): string {
  const start = page.indexOf(`<section class="relation" id="relation-${n}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
}

/** The fixture with hostile markup in every free-text field a page controls. */
function hostile(): Report {
  const x = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
  return {
    ...fixtureReport,
    encoder: { ...fixtureReport.encoder, name: x },
    documents: fixtureReport.documents.map((d) => ({
      ...d,
      id: d.id,
      title: x,
      publisher: x,
      path: x,
      stories: d.stories.map((s) => ({
        ...s,
        title: x,
        byline: x,
        excerpt: x,
        attribution: [x],
        paragraphs: [x, `He said ${x} and "${x} quoted" too`, x],
      })),
    })),
    relations: fixtureReport.relations.map((r) => ({ ...r, evidence: [x] })),
    independent: fixtureReport.independent.map((p) => ({ ...p, reason: x })),
    hidden: fixtureReport.hidden.map((hn) => ({ ...hn, reason: x })),
    warnings: [x],
  };
}

describe('renderHtml', () => {
  it('is a standalone page with inline CSS and no scripts or external resources', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<style>');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed|base)\b/i);
    // Links only point inside the page; CSS loads nothing.
    expect(html).not.toMatch(/\s(?:src|href|action)="(?!#)/i);
    expect(html).not.toMatch(/url\((?!#)|@import/i);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('has the summary, tree, table, pairs and warnings', () => {
    expect(html).toContain(
      '7 documents, 10 stories, 8 relations, 2 independent pairs, 1 inferred source',
    );
    expect(html).toContain('<ul class="tree"><li><a href="#story-1" class="id">wire#1</a>');
    expect(html).toContain(
      '<span class="kind kind-spun">spun</span> <span class="muted">paraphrase 0.62, confidence 0.81</span>',
    );
    expect(html.match(/<td><a href="#relation-\d+">side by side<\/a><\/td><\/tr>/g)).toHaveLength(
      fixtureReport.relations.length,
    );
    expect(html.match(/<section class="relation" id="relation-\d+"/g)).toHaveLength(
      fixtureReport.relations.length,
    );
    expect(html).toContain(
      'same event, no shared wording beyond the &lt;vote count&gt; &amp; names',
    );
    expect(html).toContain('<li>corpus/empty.txt: is empty');
    expect(html).toContain('<li id="story-1">');
  });

  it('escapes hostile titles, excerpts, reasons and metadata everywhere', () => {
    const page = renderHtml(hostile());
    expect(page).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
    );
    // The only tags are the renderer's own.
    const tags = new Set([...page.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(pageTags);
  });

  it('strips control characters', () => {
    expect(html).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(html).not.toContain('pwned');
  });

  it('escapes the title option', () => {
    expect(renderHtml(fixtureReport, { title: '</title><script>' })).toContain(
      '<title>&lt;/title&gt;&lt;script&gt;</title>',
    );
  });
});

describe('renderHtml: lineage graph', () => {
  it('draws an SVG box per story or inferred source in a relation, linking to its story', () => {
    const svg = html.slice(html.indexOf('<svg class="lineage"'), html.indexOf('</svg>') + 6);
    const ends = new Set(fixtureReport.relations.flatMap((r) => [r.parent, r.child]));
    expect(svg.match(/<rect /g)).toHaveLength(ends.size);
    expect(svg).toContain('<a href="#story-1" class="node">');
    // The inferred source is dashed and links nowhere.
    expect(svg).toMatch(
      /<g class="node node-hidden"><title>hidden:1: inferred source<\/title><rect [^>]*stroke-dasharray/,
    );
    // An arrow per relation, linking to its section, with a kind-coloured marker.
    expect(svg.match(/<a href="#relation-\d+" class="edge edge-/g)).toHaveLength(
      fixtureReport.relations.length,
    );
    expect(svg).toContain('marker-end="url(#arrow-spun)"');
  });

  it('places boxes where the layout puts them: a child below its parent', () => {
    const page = renderHtml(pair(['a b c'], ['a b d'], [[0, 0]]));
    const ys = [...page.matchAll(/<rect x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(2);
    expect(ys[1]!).toBeGreaterThan(ys[0]!);
  });
});

describe('renderHtml: side by side', () => {
  it("marks a spun pair's synonym swap as a removed and an added run, paired", () => {
    const page = renderHtml(
      pair(
        ['The mayor called it a colossal mistake on Monday.'],
        ['The mayor called it a tremendous blunder on Monday.'],
        [[0, 0]],
      ),
    );
    const s = section(page);
    expect(s).toContain(
      '<span class="pair"><del>colossal mistake</del> → <ins>tremendous blunder</ins></span>',
    );
    expect(s).toContain(
      '<del class="swap" title="colossal mistake → tremendous blunder">colossal mistake</del>',
    );
    expect(s).toContain(
      '<ins class="swap" title="colossal mistake → tremendous blunder">tremendous blunder</ins>',
    );
    // Unchanged words are plain text on both sides.
    expect(s.match(/The mayor called it a /g)).toHaveLength(2);
  });

  it('shows cut and added paragraphs as gaps where they stand', () => {
    const page = renderHtml(
      pair(
        ['One kept.', 'Two cut.', 'Three kept.'],
        ['One kept.', 'Three kept.', 'Four added.'],
        [
          [0, 0],
          [2, 1],
        ],
      ),
    );
    const s = section(page);
    const cut = s.indexOf('cut in the copy');
    const added = s.indexOf('added: not in the source');
    expect(s).toMatch(
      /<tr class="gap cut"><td><span class="pno">¶2<\/span> <del>Two cut\.<\/del><\/td>/,
    );
    expect(s).toMatch(/<td><span class="pno">¶3<\/span> <ins>Four added\.<\/ins><\/td><\/tr>/);
    // Order: ¶1 row, the cut ¶2, the ¶3/¶2 row, the added ¶3.
    expect(s.indexOf('One kept.')).toBeLessThan(cut);
    expect(cut).toBeLessThan(s.indexOf('Three kept.'));
    expect(s.indexOf('Three kept.')).toBeLessThan(added);
  });

  it("shows an inferred source's edge against the sibling its scores were measured against", () => {
    const base = pair(['Shared first.', 'Sibling only.'], ['Shared first.'], [[0, 0]], 'edited');
    const [rel] = base.relations;
    const report: Report = {
      ...base,
      relations: [{ ...rel!, parent: 'hidden:1', measuredAgainst: 'src#1' }],
      lineage: [{ root: 'hidden:1', members: ['hidden:1', 'src#1', 'copy#1'] }],
      hidden: [{ id: 'hidden:1', children: ['src#1', 'copy#1'], reason: 'test' }],
    };
    const s = section(renderHtml(report));
    expect(s).toContain('its scores were measured against');
    expect(s).toContain('<h4>Side by side</h4>');
    // The sibling's paragraph the copy lacks stands as a cut row on the source's side.
    expect(s).toMatch(
      /<tr class="gap cut"><td><span class="pno">¶2<\/span> <del>Sibling only\.<\/del>/,
    );
    // Without the field there is nothing to show beside the copy.
    const bare = section(renderHtml({ ...report, relations: [{ ...rel!, parent: 'hidden:1' }] }));
    expect(bare).toContain('an inferred source has no text');
  });

  it('marks quotations kept word for word and altered', () => {
    const page = renderHtml(
      pair(
        ['She said "we will rebuild the pier" and "the sea took everything" on Friday.'],
        ['She said "we will rebuild the pier" and "the ocean took it all" on Friday.'],
        [[0, 0]],
      ),
    );
    const s = section(page);
    expect(s).toContain(
      '<mark class="q-kept" title="quotation kept word for word">&quot;we will rebuild the pier&quot;</mark>',
    );
    const table = s.slice(s.indexOf('<table class="compare">'));
    expect(table.match(/<mark class="q-altered"/g)).toHaveLength(2);
    expect(s).toContain('Quotations: 1 of 2 kept word for word, 1 altered');
  });

  it('says why there is no side-by-side view without paragraph text', () => {
    const s = section(html);
    expect(s).toContain('No side-by-side view: the report has no paragraph text');
    expect(s).toContain('¶1→¶1, ¶2→¶3');
  });

  it('explains every score with its range', () => {
    for (const name of ['confidence', 'semantic', 'lexical', 'coverage', 'paraphrase'])
      expect(html).toMatch(new RegExp(`<dt>${name}</dt><dd>[^<]*0 to 1`));
  });

  it("shows each story's paragraphs in the relations that hold it", () => {
    const page = renderHtml(
      withText((id) => [`first of ${id}`, `second of ${id}`, `third of ${id}`]),
    );
    const s = section(page);
    const r = fixtureReport.relations[0]!;
    expect(s).toContain('<table class="compare">');
    const text = s.replace(/<[^>]+>/g, '');
    // ¶1 → ¶1 and ¶2 → ¶3 are aligned; the child's ¶2 is added.
    expect(text).toContain(`¶1 first of ${r.parent}`);
    expect(text).toContain(`¶1 first of ${r.child}`);
    expect(text).toContain(`¶3 third of ${r.child}`);
    expect(text).toContain(`¶2 second of ${r.child}`);
    expect(text.indexOf('added: not in the source')).toBeLessThan(
      text.indexOf(`¶2 second of ${r.child}`),
    );
  });
});

describe('renderComparison: paragraphs the copy carries word for word', () => {
  const same = [
    'The council met on Monday <b>night</b>.',
    '"We will rebuild," the mayor said.',
    'Work starts in May.',
  ];
  const render = (child: readonly string[]) =>
    renderComparison({
      alignment: child.map((_, i) => ({
        parentParagraph: i,
        childParagraph: i,
        semantic: 1,
        lexical: 1,
      })),
      parent: [...same, 'The budget is 4 million.'],
      child,
      parentName: 'Source',
      childName: 'Copy',
    });

  it('folds a run of identical paragraphs into one row, text escaped behind <details>', () => {
    const html = render([...same, 'The budget is 5 million.']);
    expect(html.match(/<tr class="same">/g)).toHaveLength(1);
    expect(html).toContain(
      '¶1–¶3</span> ↔ <span class="pno">¶1–¶3</span>: 3 paragraphs word for word the same, 1 quotation kept',
    );
    expect(html).toContain('<details>');
    expect(html).toContain('&lt;b&gt;night&lt;/b&gt;');
    expect(html).not.toContain('<b>night</b>');
    // The changed paragraph keeps its own row with its word diff.
    expect(html.match(/<tr class="aligned">/g)).toHaveLength(1);
    expect(html).toMatch(/<del>4<\/del>/);
  });

  it('keeps a single identical paragraph as an aligned row', () => {
    const html = render([same[0]!, 'Another first line.', same[2]!]);
    expect(html).not.toContain('<tr class="same">');
    expect(html.match(/<tr class="aligned">/g)).toHaveLength(3);
  });
});

describe('compareRows', () => {
  it("groups merged paragraphs into one row and keeps the child's order", () => {
    const rows = compareRows(
      [
        { parentParagraph: 0, childParagraph: 0, semantic: 1, lexical: 1 },
        { parentParagraph: 1, childParagraph: 1, semantic: 1, lexical: 1 },
        { parentParagraph: 2, childParagraph: 1, semantic: 1, lexical: 1 },
        { parentParagraph: 9, childParagraph: 2, semantic: 1, lexical: 1 },
      ],
      4,
      3,
    );
    expect(rows).toEqual([
      { kind: 'aligned', parent: [0], child: [0] },
      { kind: 'aligned', parent: [1, 2], child: [1] },
      { kind: 'cut', parent: [3], child: [] },
      { kind: 'added', parent: [], child: [2] },
    ]);
  });
});

describe('wordDiff', () => {
  it('pairs adjacent removed and added runs as swaps, and only those', () => {
    const d = wordDiff(
      'a colossal mistake, said the mayor',
      'a tremendous blunder, the mayor said',
    );
    expect(d.swaps).toEqual([{ from: 'colossal mistake', to: 'tremendous blunder' }]);
    // Each side's runs cover its text exactly, end to end.
    for (const [runs, text] of [
      [d.parent, 'a colossal mistake, said the mayor'],
      [d.child, 'a tremendous blunder, the mayor said'],
    ] as const) {
      expect(runs[0]!.start).toBe(0);
      runs.slice(1).forEach((r, i) => expect(r.start).toBe(runs[i]!.end));
      expect(runs.at(-1)!.end).toBe(text.length);
    }
  });

  it('marks two long, unrelated texts changed whole instead of diffing them word by word', () => {
    const words = (tag: string) => Array.from({ length: 6000 }, (_, i) => `${tag}${i}`).join(' ');
    const d = wordDiff(words('a'), words('b'));
    expect(d.swaps).toEqual([]);
    expect(d.parent).toEqual([{ start: 0, end: words('a').length, changed: true, swap: null }]);
    expect(d.child).toEqual([{ start: 0, end: words('b').length, changed: true, swap: null }]);
  });
});

describe('renderHtml extent', () => {
  it('shows each relation’s extent with the probability of that verdict, escaped', () => {
    const [first, second, ...rest] = fixtureReport.relations;
    const report: Report = {
      ...fixtureReport,
      relations: [
        { ...first!, extent: 'partially', pWholly: 0.17 },
        // A hostile report: the renderer escapes whatever the field holds.
        { ...second!, extent: '<b>wholly</b>' as Relation['extent'], pWholly: 0.9 },
        ...rest,
      ],
    };
    const out = renderHtml(report);
    expect(out).toContain('<th>Extent</th>');
    expect(out).toContain('<td>partially (p 0.83)</td>');
    expect(out).toContain('&lt;b&gt;wholly&lt;/b&gt; (p 0.10)');
    expect(out).not.toContain('<b>wholly</b>');
    expect(out).toMatch(/<dt><a href="#scores">extent<\/a><\/dt><dd>partially \(p 0\.83\)<\/dd>/);
    // Relations without an extent show a dash and no extent score.
    expect(html).toContain('<th>Extent</th>');
    expect(html).not.toContain('>extent</a></dt>');
  });
});
