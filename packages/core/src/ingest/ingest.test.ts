import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/stories.js';
import { CoreError } from '../errors.js';
import { decodeText, sniffBinary } from './bytes.js';
import { extractHtml } from './html.js';
import { ingest } from './ingest.js';
import { extractMarkdown } from './markdown.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/pages/', import.meta.url));
const story =
  'Harbour cranes stood idle on Tuesday.\n\nDock workers said the strike would last a week.\n';

const temp = useTempDir('stemma-ingest-');
const write = temp.write;

describe('ingest', () => {
  it('reads txt, md and html files, each as a document with its format and id', async () => {
    const { docs, warnings } = await ingest([
      path.join(fixtures, 'single-story.txt'),
      path.join(fixtures, 'page.html'),
      write(
        'brief.md',
        '# Port reopens\n\nThe port **reopened** on [Monday](https://x.example).\n',
      ),
    ]);
    expect(warnings).toEqual([]);
    // Sorted by absolute path, whatever order they were given in.
    const expected = [
      [path.join(fixtures, 'page.html'), 'page', 'html'],
      [path.join(fixtures, 'single-story.txt'), 'single-story', 'txt'],
      [path.join(temp.dir(), 'brief.md'), 'brief', 'md'],
    ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
    expect(docs.map((d) => [d.path, d.id, d.format])).toEqual(expected);
    const md = docs.find((d) => d.id === 'brief');
    expect(md?.text).toBe('Port reopens\n\nThe port reopened on Monday.');
    expect(docs.every((d) => path.isAbsolute(d.path))).toBe(true);
  });

  it('walks folders recursively, skips hidden entries and other extensions, and sorts by path', async () => {
    write('b/second.txt', story);
    write(
      'a/deep/first.htm',
      `<html><body><article><h1>Cranes idle</h1><p>${story}</p></article></body></html>`,
    );
    write('a/notes.pdf.bak', 'ignored');
    write('.hidden/secret.txt', story);
    write('a/.draft.txt', story);
    const { docs, warnings } = await ingest([temp.dir()]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => d.id)).toEqual(['first', 'second']);
    expect(docs[0]?.format).toBe('html');
  });

  it('gives clashing file names unique ids and warns about it', async () => {
    write('one/report.txt', story);
    write('two/report.md', story);
    const seen: string[] = [];
    const { docs, warnings } = await ingest([temp.dir()], { onWarning: (m) => seen.push(m) });
    expect(docs.map((d) => d.id)).toEqual(['report', 'report-2']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/two\/report\.md.*"report-2"/);
    expect(seen).toEqual(warnings);
  });

  it('normalises line endings and falls back to Windows-1252 for invalid UTF-8', async () => {
    write('crlf.txt', 'First line.\r\n\r\nSecond line.\r\n');
    write(
      'latin.txt',
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x2e]),
    ); // "Café opens."
    const { docs } = await ingest([temp.dir()]);
    expect(docs.find((d) => d.id === 'crlf')?.text).toBe('First line.\n\nSecond line.\n');
    expect(docs.find((d) => d.id === 'latin')?.text).toBe('Café opens.');
  });

  describe('bad input warns and the rest is still read', () => {
    it('a missing path given explicitly', async () => {
      const good = write('good.txt', story);
      const { docs, warnings } = await ingest([path.join(temp.dir(), 'nope.txt'), good]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings).toEqual([
        `${path.join(temp.dir(), 'nope.txt')}: no such file or folder; check the path`,
      ]);
    });

    it('binary data: NUL bytes and known magic numbers', async () => {
      write('nul.txt', Buffer.from('text\u0000with a NUL byte', 'utf8'));
      write('image.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x41]));
      write('doc.md', Buffer.from('%PDF-1.7\nrest of a pdf'));
      write('good.txt', story);
      const { docs, warnings } = await ingest([temp.dir()]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings).toHaveLength(3);
      expect(warnings.find((w) => w.includes('nul.txt'))).toMatch(
        /binary data \(NUL bytes\).*remove it/,
      );
      expect(warnings.find((w) => w.includes('image.html'))).toMatch(/PNG image/);
      expect(warnings.find((w) => w.includes('doc.md'))).toMatch(/PDF/);
    });

    it('empty and whitespace-only files', async () => {
      write('empty.txt', '');
      write('blank.md', '  \n\t\n   \n');
      write('good.txt', story);
      const { docs, warnings } = await ingest([temp.dir()]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings.sort()).toEqual([
        `${path.join(temp.dir(), 'blank.md')}: is empty or holds only whitespace; nothing to analyse`,
        `${path.join(temp.dir(), 'empty.txt')}: is empty or holds only whitespace; nothing to analyse`,
      ]);
    });

    it('broken HTML with no readable text', async () => {
      write(
        'shell.html',
        '<html><head><script>var x = 1;</script></head><body><div><span></div></p></body',
      );
      write(
        'truncated.html',
        '<html><body><article><h1>Cranes idle</h1><p>Dock workers said the strike',
      );
      write('good.txt', story);
      const { docs, warnings } = await ingest([temp.dir()]);
      // A truncated page still has text worth reading; an empty shell does not.
      expect(docs.map((d) => d.id)).toEqual(['good', 'truncated']);
      expect(docs[1]?.text).toContain('Dock workers said the strike');
      expect(warnings).toEqual([
        `${path.join(temp.dir(), 'shell.html')}: is empty or holds only whitespace; nothing to analyse`,
      ]);
    });

    it('an unreadable entry (dangling symlink) inside a folder', async () => {
      symlinkSync(path.join(temp.dir(), 'gone.txt'), path.join(temp.dir(), 'link.txt'));
      write('good.txt', story);
      const { docs, warnings } = await ingest([temp.dir()]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/link\.txt: cannot be read \(ENOENT\)/);
    });

    it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
      const locked = write('locked.txt', story);
      chmodSync(locked, 0o000);
      write('good.txt', story);
      const { docs, warnings } = await ingest([temp.dir()]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings[0]).toMatch(/locked\.txt: cannot be read \(EACCES\); check its permissions/);
    });

    it('an unsupported file named explicitly', async () => {
      const csv = write('data.csv', 'a,b\n1,2\n');
      const good = write('good.txt', story);
      const { docs, warnings } = await ingest([csv, good]);
      expect(docs).toHaveLength(1);
      expect(warnings[0]).toMatch(/data\.csv: unsupported input \(extension "\.csv"\)/);
    });
  });

  it('throws NO_DOCUMENTS only when nothing at all is readable', async () => {
    write('empty.txt', '');
    const warnings: string[] = [];
    const error = await ingest([temp.dir(), path.join(temp.dir(), 'missing')], {
      onWarning: (m) => warnings.push(m),
    }).catch((e: unknown) => e);
    expect(CoreError.isInstance(error)).toBe(true);
    expect((error as CoreError).code).toBe('NO_DOCUMENTS');
    expect(warnings).toHaveLength(2);
  });
});

describe('publication dates', () => {
  const body = (n: number): string =>
    `Harbour cranes stood idle on Tuesday in port ${n}. Dock workers said the strike would last a week.`;

  it('drops impossible dates from records and page meta with a warning naming the document', async () => {
    const bad = ['9999-99-99', '-271821-04', '+012345-01', '2023-02-29'];
    const lines = bad.map((published, i) =>
      JSON.stringify({ id: `rec${i}`, text: body(i), published }),
    );
    lines.push(JSON.stringify({ id: 'good', text: body(9), published: '2024-02-29T08:00:00Z' }));
    write('export.jsonl', `${lines.join('\n')}\n`);
    write(
      'page.html',
      `<html><head><meta name="date" content="9999-99-99"></head><body><article><p>${body(7)}</p></article></body></html>`,
    );
    const { docs, warnings } = await ingest([temp.dir()]);
    const published = Object.fromEntries(docs.map((d) => [d.id, d.meta.published]));
    expect(published).toEqual({
      rec0: null,
      rec1: null,
      rec2: null,
      rec3: null,
      good: '2024-02-29',
      page: null,
    });
    bad.forEach((value, i) =>
      expect(warnings).toContainEqual(
        expect.stringContaining(
          `export.jsonl:${i + 1}: published date "${value}" is not a valid date`,
        ),
      ),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/page\.html: published date "9999-99-99" is not a valid date/),
    );
    expect(warnings).toHaveLength(5);
  });
});

describe('extractHtml', () => {
  it('keeps title, byline, date, publisher and URL from Readability, meta tags and JSON-LD', () => {
    const { meta } = extractHtml(
      '<html><head><title>Tram opens | Post</title><meta property="og:site_name" content="Eastport Post">' +
        '<link rel="canonical" href="https://post.example/tram">' +
        '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-05-14T06:45:00+02:00"}]}</script>' +
        '</head><body><article><h1>Tram opens</h1><p>The tram opened on Tuesday morning to large crowds.</p></article></body></html>',
    );
    expect(meta.publisher).toBe('Eastport Post');
    expect(meta.published).toBe('2024-05-14');
    expect(meta.url).toBe('https://post.example/tram');
    expect(meta.title).toMatch(/Tram opens/);
  });

  it('extracts the article as plain paragraphs; scripts, styles, menus and captions stay out and never run', async () => {
    const { docs } = await ingest([path.join(fixtures, 'page.html')]);
    const doc = docs[0];
    expect(doc?.meta).toMatchObject({
      publisher: 'Eastport Evening Post',
      published: '2024-05-14',
      byline: 'Lena Varga',
    });
    const text = doc?.text ?? '';
    expect(text.split('\n\n').length).toBeGreaterThanOrEqual(6);
    expect(text).toContain('EASTPORT — The first tram to the airport');
    expect(text).not.toMatch(
      /<|font-family|__stemmaScriptRan|replaced by a script|Photo: Evening Post|Home\b/,
    );
    expect((globalThis as Record<string, unknown>)['__stemmaScriptRan']).toBeUndefined();
  });

  it('marks each further <article> and <hr> with a "***" separator line', () => {
    const para = (n: number): string =>
      `<p>Paragraph ${n} of a story that is long enough to be kept by the reader, with words.</p>`;
    const { text } = extractHtml(
      `<html><body><main><article><h2>First story headline</h2>${para(1)}${para(2)}</article>` +
        `<article><h2>Second story headline</h2>${para(3)}${para(4)}</article></main></body></html>`,
    );
    expect(text.split('\n\n')).toContain('***');
    expect(text.indexOf('***')).toBeGreaterThan(text.indexOf('Paragraph 2'));
    expect(text.indexOf('***')).toBeLessThan(text.indexOf('Second story headline'));
  });
});

describe('extractMarkdown', () => {
  it('strips markup to text; headings become headline lines; rules become separators', () => {
    const { text, meta } = extractMarkdown(
      [
        '---',
        'title: "Cranes idle"',
        'date: 2024-02-03',
        'author: Ana Ruiz',
        '---',
        '# Cranes idle at the harbour',
        '',
        'Dock workers *walked out* on __Tuesday__, the union said,',
        'and the strike could last `a week`. ![crane](c.jpg)',
        '',
        '> "We have waited long enough," a [crane driver](https://x.example) said.',
        '',
        '- first item',
        '- second item',
        '',
        '---',
        '',
        'Second story',
        '============',
        '',
        '```',
        'code stays',
        '```',
      ].join('\n'),
    );
    expect(meta).toMatchObject({
      title: 'Cranes idle',
      published: '2024-02-03',
      byline: 'Ana Ruiz',
    });
    expect(text.split('\n\n')).toEqual([
      'Cranes idle at the harbour',
      'Dock workers walked out on Tuesday, the union said, and the strike could last a week.',
      '"We have waited long enough," a crane driver said.',
      'first item',
      'second item',
      '***',
      'Second story',
      'code stays',
    ]);
  });
});

describe('bytes', () => {
  it('sniffs binary data and lets text (also UTF-16 with a BOM) through', () => {
    expect(sniffBinary(Buffer.from('plain text\n'))).toBeNull();
    expect(sniffBinary(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
    expect(sniffBinary(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toMatch(/gzip/);
    expect(sniffBinary(Buffer.from([0x01, 0x02, 0x03, 0x41]))).toMatch(/control/);
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]))).toBe('Hi');
    expect(decodeText(Buffer.from('\ufeffBOM\r\nline', 'utf8'))).toBe('BOM\nline');
  });
});
