import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../test/helpers/report.js';
import { renderHtml } from './html.js';
import type { Report } from '../types.js';

const html = renderHtml(fixtureReport);

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
      stories: d.stories.map((s) => ({ ...s, title: x, byline: x, excerpt: x, attribution: [x] })),
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
    expect(html).not.toMatch(/url\(|@import/i);
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
    expect(html.match(/<tr><td>/g)).toHaveLength(fixtureReport.relations.length);
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
    expect([...tags].sort()).toEqual(
      [
        '!doctype',
        'a',
        'blockquote',
        'body',
        'br',
        'code',
        'h1',
        'h2',
        'h3',
        'head',
        'html',
        'li',
        'meta',
        'p',
        'span',
        'strong',
        'style',
        'table',
        'tbody',
        'td',
        'th',
        'thead',
        'title',
        'tr',
        'ul',
      ].filter((t) => t !== '!doctype'),
    );
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
