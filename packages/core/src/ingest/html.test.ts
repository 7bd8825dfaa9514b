import { describe, expect, it } from 'vitest';
import { segment } from '../segment/segment.js';
import { extractHtml } from './html.js';
import { metaDate } from './html-meta.js';

const body = [1, 2, 3]
  .map(
    (n) =>
      `<p>Paragraph ${n}: the harbour board of the invented town of Brackwater voted on the new ferry timetable, and the mayor spoke at length.</p>`,
  )
  .join('');

const page = (head: string): string =>
  `<html><head>${head}</head><body><article><h1>Ferry vote</h1>${body}</article></body></html>`;

describe('HTML metadata', () => {
  it('reads NewsArticle JSON-LD (in @graph): headline, dates, author, publisher, isBasedOn', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Not the article' },
        {
          '@type': ['ReportageNewsArticle'],
          headline: 'Brackwater ferry timetable approved',
          datePublished: '2024-03-14T22:30:00-05:00',
          dateModified: 'March 16, 2024',
          author: [{ '@type': 'Person', name: 'Ada Quill' }, { name: 'Ben Rook' }],
          publisher: { '@type': 'Organization', name: 'Brackwater Bugle' },
          isBasedOn: { '@type': 'NewsArticle', url: 'https://harbour-wire.example/ferry' },
        },
      ],
    };
    const { meta } = extractHtml(
      page(
        `<title>Ferry | Bugle</title><script type="application/ld+json">${JSON.stringify(ld)}</script>` +
          `<link rel="canonical" href="https://bugle.example/ferry">` +
          `<meta name="original-source" content="https://harbour-wire.example/ferry">` +
          `<meta name="syndication-source" content="https://harbour-wire.example/ferry-syndicated">`,
      ),
    );
    expect(meta.published).toBe('2024-03-14'); // the date as written, not shifted to UTC
    expect(meta.modified).toBe('2024-03-16');
    expect(meta.publisher).toBe('Brackwater Bugle');
    expect(meta.url).toBe('https://bugle.example/ferry');
    expect(meta.attribution).toEqual([
      'isBasedOn: https://harbour-wire.example/ferry',
      'original-source: https://harbour-wire.example/ferry',
      'syndication-source: https://harbour-wire.example/ferry-syndicated',
    ]);
  });

  it('falls back to OpenGraph and article:* tags; a broken JSON-LD block is passed over', () => {
    const { meta } = extractHtml(
      page(
        '<script type="application/ld+json">{ not json</script>' +
          '<meta property="og:title" content="OG ferry title"><meta property="og:site_name" content="Bugle OG">' +
          '<meta property="article:published_time" content="Thu, 14 Mar 2024 10:00:00 GMT">' +
          '<meta property="og:url" content="https://bugle.example/og">',
      ),
    );
    expect(meta).toMatchObject({
      publisher: 'Bugle OG',
      published: '2024-03-14',
      url: 'https://bugle.example/og',
    });
    expect(meta.attribution).toEqual([]);
  });

  it('carries declared sources into the story', () => {
    const content = extractHtml(
      page('<meta name="original-source" content="https://apnews.com/article/ferry">'),
    );
    const doc = {
      id: 'p',
      path: 'p.html',
      format: 'html' as const,
      text: content.text,
      meta: content.meta,
    };
    const [story] = segment(doc).stories;
    expect(story?.attribution).toContain('original-source: https://apnews.com/article/ferry');
    expect(story?.source).toBe('AP');
  });

  it('normalises metadata dates to ISO only when day, month and year are given', () => {
    expect(metaDate('2019-11-20T07:00:28Z')).toBe('2019-11-20');
    expect(metaDate('November 20, 2019')).toBe('2019-11-20');
    expect(metaDate('Wed, 20 Nov 2019 07:00:28 GMT')).toBe('2019-11-20');
    expect(metaDate('November 2019')).toBeNull();
    expect(metaDate('soon')).toBeNull();
  });
});

describe('deep markup', () => {
  it('reads markup 20 000 levels deep in bounded time and stack, flattened past MAX_DEPTH with a note', () => {
    const text = (n: number) =>
      `Paragraph ${n}: the harbour board of Brackwater voted on the ferry timetable again.`;
    const depth = 20_000;
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${text(1)}</p><div><p>${text(2)}</p></div>${'</div>'.repeat(depth)}</body></html>`;
    const t0 = performance.now();
    const out = extractHtml(html);
    // Before: 1 000 levels took 35 s in Readability; 20 000 overflowed the stack.
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(out.text).toContain(text(1));
    expect(out.text).toContain(text(2));
    expect(out.notes).toEqual([expect.stringContaining('nested over 64 levels')]);
  });

  it('leaves markup of ordinary depth as it was, without a note', () => {
    const out = extractHtml(page(''));
    expect(out.notes).toBeUndefined();
  });
});
