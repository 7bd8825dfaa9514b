/**
 * Every input kind ingest reads (corpora, crawls, gzip, stdin, URLs, legacy
 * encodings) and every kind of bad input, each against a fixture: the bad
 * part gets one warning naming it, the rest is still read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../../test/helpers/stories.js';
import { CoreError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { ingest } from './ingest.js';
import { parseBytes } from './read-limited.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/inputs/', import.meta.url));
const fx = (name: string): string => path.join(fixtures, name);
const story =
  'Harbour cranes stood idle on Tuesday.\n\nDock workers said the strike would last a week.\n';

const temp = useTempDir('stemma-inputs-');
const write = temp.write;

describe('corpora', () => {
  it('JSONL: one document per line, metadata kept, bad lines reported by line number, duplicate ids disambiguated', async () => {
    const { docs, warnings } = await ingest([fx('corpus.jsonl')]);
    expect(docs.map((d) => [d.id, d.format, d.path])).toEqual([
      ['wire-ferry', 'txt', `${fx('corpus.jsonl')}:1`],
      ['blog-ferry', 'html', `${fx('corpus.jsonl')}:2`],
      ['wire-ferry-2', 'txt', `${fx('corpus.jsonl')}:5`],
    ]);
    expect(docs[0]?.meta).toEqual({
      title: 'Ferry resumes',
      publisher: 'Wire Service',
      published: '2024-05-02',
      byline: null,
      url: 'https://wire.example/ferry',
    });
    expect(docs[1]?.text).toContain('The island ferry resumed service');
    expect(warnings).toEqual([
      expect.stringMatching(
        /corpus\.jsonl:4: malformed \(invalid JSON: .*\); fix or remove that part$/,
      ),
      expect.stringMatching(
        /corpus\.jsonl:6: malformed \(no "text" or "html" string field \(map field names with --field-text/,
      ),
      `${fx('corpus.jsonl')}:7: is empty or holds only whitespace; nothing to analyse`,
      `${fx('corpus.jsonl')}:5: another input (${fx('corpus.jsonl')}:1) also has the id "wire-ferry"; using id "wire-ferry-2" (rename one to choose)`,
    ]);
  });

  it('JSONL field names are mappable, nested ones with dots', async () => {
    const { docs, warnings } = await ingest([fx('mapped.jsonl')], {
      fields: { id: 'doc_id', text: 'body', title: 'headline', published: 'meta.date' },
    });
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.id, d.meta.title, d.meta.published])).toEqual([
      ['17', 'Cycle lanes approved', '2024-03-05'],
    ]);
  });

  it('JSON: an array (here under "articles") of records; a non-object element is reported by index', async () => {
    const { docs, warnings } = await ingest([fx('corpus.json')]);
    expect(docs.map((d) => d.id)).toEqual(['a1', 'a2']);
    expect(warnings).toEqual([
      `${fx('corpus.json')}[2]: malformed (not a JSON object); fix or remove that part`,
    ]);
  });

  it('a JSONL line over --max-bytes is skipped without holding it; the lines around it are read', async () => {
    const big = JSON.stringify({ id: 'big', text: 'x '.repeat(5000) });
    const file = write(
      'mixed.jsonl',
      [
        JSON.stringify({ id: 'a', text: story }),
        big,
        JSON.stringify({ id: 'b', text: story }),
      ].join('\n'),
    );
    const { docs, warnings } = await ingest([file], { maxBytes: 2000 });
    expect(docs.map((d) => d.id)).toEqual(['a', 'b']);
    expect(warnings).toEqual([
      `${file}:2: too large (a line of 10 kB, over the 2 kB limit (--max-bytes)); raise --max-bytes or split it`,
    ]);
  });
});

describe('deep structures (issue 9)', () => {
  it('reads JSON and JSONL records beside a value nested 100 000 deep, and Markdown lists and quotes thousands deep', async () => {
    const deep = `${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const t = JSON.stringify(story);
    const json = write(
      'deep.json',
      `[{"id":"a","text":${t}},{"id":"b","text":${t},"extra":${deep}}]`,
    );
    const jsonl = write(
      'deep.jsonl',
      `{"id":"c","text":${t},"extra":${deep}}\n{"id":"d","text":${t}}\n`,
    );
    const lists = write(
      'lists.md',
      `# Lists\n\n${story}\n\n${Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`,
    );
    const quotes = write('quotes.md', `# Quotes\n\n${story}\n\n${'> '.repeat(50_000)}${story}\n`);
    const { docs, warnings } = await ingest([json, jsonl, lists, quotes]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd', 'lists', 'quotes']);
    expect(docs.every((d) => d.text.includes(story.slice(0, 40)))).toBe(true);
  });
});

describe('--max-chars', () => {
  it('analyses a document only up to --max-chars, cut at a space, with one warning; shorter ones whole', async () => {
    const long = JSON.stringify({ id: 'long', text: `${story}\n\n${'word '.repeat(2000)}` });
    const file = write(
      'long.jsonl',
      [long, JSON.stringify({ id: 'short', text: story })].join('\n'),
    );
    const { docs, warnings } = await ingest([file], { maxChars: story.length + 53 });
    expect(docs.map((d) => d.id)).toEqual(['long', 'short']);
    expect(docs[1]!.text).toBe(story);
    const cut = docs[0]!.text;
    expect(cut.startsWith(story)).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(story.length + 53);
    expect(cut.endsWith('word')).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}:1: text of [\\d,]+ characters; only the first [\\d,]+ are analysed \\(--max-chars\\)$`,
        ),
      ),
    ]);
  });

  it('is a positive whole number', async () => {
    await expect(ingest([write('a.txt', story)], { maxChars: 0 })).rejects.toThrow(/maxChars/);
  });
});

describe('WARC', () => {
  it('reads response records with pages from a WARC.gz; requests, images and redirects are passed over', async () => {
    const { docs, warnings } = await ingest([fx('crawl.warc.gz')]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.id, d.path, d.meta.url, d.meta.title])).toEqual([
      [
        'ferry-resumes',
        `${fx('crawl.warc.gz')}#2`,
        'https://news.example/world/ferry-resumes.html',
        'Ferry resumes after storm',
      ],
      [
        'library-hours',
        `${fx('crawl.warc.gz')}#5`,
        'https://news.example/city/library-hours',
        'Library extends hours',
      ],
    ]);
    // Navigation and footer are not article text; the Windows-1252 record is decoded by its HTTP charset.
    expect(docs[0]?.text).not.toMatch(/Home|Copyright/);
    expect(docs[1]?.text).toContain('The city library will extend its opening hours');
  });

  it('a truncated record is reported; the records before it are kept', async () => {
    const { docs, warnings } = await ingest([fx('truncated.warc')]);
    expect(docs.map((d) => d.id)).toEqual(['ferry-resumes']);
    expect(warnings).toEqual([
      `${fx('truncated.warc')}#5 (https://news.example/city/library-hours): malformed (record truncated: 470 of 666 bytes); fix or remove that part`,
    ]);
  });

  it('a gzipped WARC cut inside its last member is reported too', async () => {
    const { readFileSync } = await import('node:fs');
    const whole = readFileSync(fx('crawl.warc.gz'));
    const file = write('cut.warc.gz', whole.subarray(0, whole.length - 100));
    const { docs, warnings } = await ingest([file]);
    expect(docs.map((d) => d.id)).toEqual(['ferry-resumes']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /cut\.warc\.gz#\d+: malformed \(record truncated: the last \d+ bytes after https:\/\/news\.example\/old do not hold a complete record\)/,
    );
  });
});

describe('gzip, encodings, stdin', () => {
  it('reads a .gz of a supported file by the name inside', async () => {
    const { docs, warnings } = await ingest([fx('ferry.html.gz')]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.id, d.format, d.meta.title])).toEqual([
      ['ferry', 'html', 'Ferry resumes after storm'],
    ]);
  });

  it('a .gz that is not gzip, and one that decompresses past --max-bytes', async () => {
    const fake = write('fake.txt.gz', story);
    const bomb = write(
      'bomb.txt.gz',
      (await import('node:zlib')).gzipSync(Buffer.alloc(5_000_000, 0x61)),
    );
    const good = write('good.txt', story);
    const { docs, warnings } = await ingest([fake, bomb, good], { maxBytes: 1_000_000 });
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(warnings.find((w) => w.includes('fake.txt.gz'))).toMatch(
      /malformed \(gzip data cannot be decompressed/,
    );
    expect(warnings.find((w) => w.includes('bomb.txt.gz'))).toMatch(
      /too large \(more than 1 MB once decompressed/,
    );
  });

  it('decodes by BOM, <meta charset>, the detector; damaged UTF-8 is replaced and reported once', async () => {
    const { docs, warnings } = await ingest([
      fx('bom.txt'),
      fx('meta-charset.html'),
      fx('undeclared-sjis.txt'),
      fx('damaged-utf8.txt'),
    ]);
    const text = (id: string) => docs.find((d) => d.id === id)?.text ?? '';
    expect(text('bom').startsWith('The city library')).toBe(true);
    expect(text('meta-charset')).toContain('Паром возобновил работу в четверг');
    expect(docs.find((d) => d.id === 'meta-charset')?.meta.title).toBe('Паром');
    expect(text('undeclared-sjis')).toContain('島のフェリーは木曜日');
    expect(text('damaged-utf8')).toContain('Café owners — The island ferry');
    expect(text('damaged-utf8')).toContain('\uFFFD');
    expect(warnings).toEqual([
      `${fx('damaged-utf8.txt')}: 2 invalid byte sequences for utf-8 replaced by U+FFFD; re-save it as valid UTF-8 or declare its charset`,
    ]);
  });

  it('decodeBytes: a declared charset wins over <meta>; Latin-1 bytes fall back to Windows-1252', () => {
    const html = iconv.encode('<meta charset="utf-8"><p>Ça va, l’été</p>', 'windows-1252');
    expect(decodeBytes(html, { declared: 'windows-1252', html: true })).toMatchObject({
      source: 'declared',
      replaced: 0,
    });
    expect(decodeBytes(html, { declared: 'windows-1252', html: true }).text).toContain(
      'Ça va, l’été',
    );
    expect(decodeBytes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toMatchObject({
      text: 'Café',
      replaced: 0,
    });
  });

  describe('damaged UTF-8 stays UTF-8; genuine Windows-1252 stays Windows-1252', () => {
    const bytes = (...parts: (string | number[])[]): Buffer =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    const english = 'The council — after a long debate — approved the pier repairs. ';

    it.each([
      [
        'one dash, two stray bytes',
        bytes('Plain text — really. ', [0x93], 'quoted', [0x94], ' end.'),
      ],
      [
        'stray bytes first, the dashes after 64 KB',
        bytes([0x93], 'a '.repeat(40_000), [0x94], english),
      ],
      [
        'stray bytes in the first 64 KB, dashes later',
        bytes('x'.repeat(70_000), [0x93, 0x94], english),
      ],
      [
        'a truncated sequence among many dashes',
        bytes(english.repeat(5), [0xff, 0x41, 0xe2, 0x80], english),
      ],
    ])('%s: UTF-8, the damage replaced and counted', (_name, buf) => {
      const decoded = decodeBytes(buf);
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.text).toContain('—');
      expect(decoded.text).not.toContain('â€');
      expect(decoded.replaced).toBe(2);
    });

    it.each([
      ['French Latin-1', iconv.encode('Café crème à la française, naïve façade. Grève.', 'latin1')],
      ['English with curly quotes', iconv.encode('He said “no” — and left…', 'windows-1252')],
      [
        'German with one accidental UTF-8 pair ("ß“")',
        iconv.encode(
          'Viele Grüße aus München. „Gruß“ und Tschüß, schön wär’s. Übermäßig große Füße.',
          'windows-1252',
        ),
      ],
    ])('%s: Windows-1252, nothing replaced', (_name, buf) => {
      const decoded = decodeBytes(buf);
      expect(decoded.encoding).toBe('windows-1252');
      expect(decoded.replaced).toBe(0);
      expect(decoded.text).toBe(iconv.decode(buf, 'windows-1252'));
    });

    it('ingest warns naming the document and keeps its dashes', async () => {
      const file = write(
        'mostly-english.txt',
        bytes(english, [0x93], 'quoted', [0x94], '\n\n', english),
      );
      const { docs, warnings } = await ingest([file]);
      expect(docs[0]?.text).toContain('— after a long debate —');
      expect(warnings).toEqual([
        `${file}: 2 invalid byte sequences for utf-8 replaced by U+FFFD; re-save it as valid UTF-8 or declare its charset`,
      ]);
    });
  });

  it('"-" reads stdin and sniffs what it is: text, HTML or JSONL', async () => {
    const txt = await ingest(['-'], { stdin: Readable.from([Buffer.from(story)]) });
    expect(txt.docs.map((d) => [d.id, d.path, d.format])).toEqual([['stdin', '<stdin>', 'txt']]);
    const jsonl = await ingest(['-'], {
      stdin: Readable.from([
        `${JSON.stringify({ id: 'x', text: story })}\n${JSON.stringify({ id: 'y', text: story })}\n`,
      ]),
    });
    expect(jsonl.docs.map((d) => d.id)).toEqual(['x', 'y']);
    const html = await ingest(['-'], {
      stdin: Readable.from([
        '<html><body><p>Dock workers said the strike would last a week.</p></body></html>',
      ]),
    });
    expect(html.docs[0]?.format).toBe('html');
  });
});

describe('FIFOs and devices', () => {
  it('a FIFO named on the command line is refused with a warning, not read (no hang)', async () => {
    const fifo = path.join(temp.dir(), 'live.txt');
    execFileSync('mkfifo', [fifo]);
    const good = write('good.txt', story);
    const { docs, warnings } = await ingest([fifo, good, '/dev/zero']);
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(warnings).toEqual([
      `${fifo}: unsupported input (a named pipe, not a regular file: reading it could wait forever; skipped); give .txt, .md, .html, .json, .jsonl or .warc files (optionally .gz), a folder, - or an http(s) URL`,
      expect.stringMatching(
        /^\/dev\/zero: unsupported input \(a character device, not a regular file/,
      ),
    ]);
  }, 10_000);

  it('FIFOs, devices and sockets inside a folder are skipped with a warning each', async () => {
    execFileSync('mkfifo', [path.join(temp.dir(), 'pipe.html')]);
    symlinkSync('/dev/null', path.join(temp.dir(), 'null.txt'));
    write('good.txt', story);
    const server = net.createServer();
    await new Promise<void>((done) => server.listen(path.join(temp.dir(), 'socket.md'), done));
    try {
      const { docs, warnings } = await ingest([temp.dir()]);
      expect(docs.map((d) => d.id)).toEqual(['good']);
      expect(warnings).toEqual([
        expect.stringMatching(
          /null\.txt: unsupported input \(a character device, not a regular file/,
        ),
        expect.stringMatching(/pipe\.html: unsupported input \(a named pipe, not a regular file/),
        expect.stringMatching(/socket\.md: unsupported input \(a socket, not a regular file/),
      ]);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  }, 10_000);
});

describe('folders', () => {
  it('--include and --exclude filter a folder walk; files named explicitly are always read', async () => {
    write('a/one.txt', story);
    write('a/two.html', `<p>${story}</p>`);
    write('drafts/three.txt', story);
    write('b/four.md', story);
    const named = write('drafts/five.txt', story);
    const { docs } = await ingest([temp.dir(), named], {
      include: ['*.txt', 'b/*.md'],
      exclude: ['drafts'],
    });
    expect(docs.map((d) => d.id)).toEqual(['one', 'four', 'five']);
  });

  it('a directory loop through a symbolic link is reported once and the walk ends', async () => {
    write('news/good.txt', story);
    symlinkSync(path.join(temp.dir(), 'news'), path.join(temp.dir(), 'news/again'));
    symlinkSync(path.join(temp.dir(), 'news/self'), path.join(temp.dir(), 'news/self'));
    const { docs, warnings } = await ingest([temp.dir()]);
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(warnings).toEqual([
      `${path.join(temp.dir(), 'news/again')}: folder loop (a symbolic link back to ${path.join(temp.dir(), 'news')}); skipped, remove the symbolic link to silence this`,
      `${path.join(temp.dir(), 'news/self')}: folder loop (a symbolic link that points at itself); skipped, remove the symbolic link to silence this`,
    ]);
  });

  it('a 200 MB file is refused unread by --max-bytes (default 50 MB); the rest is read', async () => {
    const huge = write('huge.txt', '');
    truncateSync(huge, 200 * 1024 * 1024); // sparse: no disk, and nothing is read
    write('good.txt', story);
    const before = process.memoryUsage().rss;
    const { docs, warnings } = await ingest([temp.dir()]);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(warnings).toEqual([
      `${huge}: too large (209.7 MB, over the 50 MB limit (--max-bytes)); raise --max-bytes or split it`,
    ]);
  });

  it('parseBytes reads --max-bytes values', () => {
    expect(parseBytes('50MB')).toBe(50_000_000);
    expect(parseBytes('2 kB')).toBe(2000);
    expect(parseBytes('1GiB')).toBe(2 ** 30);
    expect(parseBytes('1048576')).toBe(1048576);
    expect(() => parseBytes('lots')).toThrow(RangeError);
    expect(() => parseBytes('0')).toThrow(RangeError);
  });
});

describe('URLs (a local server on 127.0.0.1, never the internet)', () => {
  let server: Server;
  let base: string;
  const cyrillic = 'Паром возобновил работу в четверг после перерыва.';
  beforeAll(async () => {
    server = createServer((req, res) => {
      switch (req.url) {
        case '/page':
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
          res.end(
            iconv.encode(
              `<html><head><title>Паром</title></head><body><article><p>${cyrillic}</p></article></body></html>`,
              'windows-1251',
            ),
          );
          return;
        case '/moved':
          res.writeHead(302, { location: '/page' });
          res.end();
          return;
        case '/slow':
          return; // never answers
        case '/endless': {
          res.writeHead(200, { 'content-type': 'text/plain' });
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          const pump = (): void => {
            while (res.write(chunk));
            res.once('drain', pump);
          };
          res.on('close', () => res.removeAllListeners('drain'));
          pump();
          return;
        }
        case '/feed.jsonl':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`${JSON.stringify({ id: 'f1', text: story })}\n`);
          return;
        default:
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not found');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('fetches pages, follows redirects, decodes by the header charset, reads a JSONL feed by its name', async () => {
    const { docs, warnings } = await ingest([`${base}/moved`, `${base}/feed.jsonl`]);
    expect(warnings).toEqual([]);
    expect(docs.map((d) => [d.id, d.format, d.meta.url])).toEqual([
      ['page', 'html', `${base}/page`],
      ['f1', 'txt', null],
    ]);
    expect(docs[0]?.text).toContain(cyrillic);
  });

  it('404, a timeout, an endless body and other schemes each get one warning; the rest is read', async () => {
    const good = write('good.txt', story);
    const { docs, warnings } = await ingest(
      [
        `${base}/missing`,
        `${base}/slow`,
        `${base}/endless`,
        'ftp://127.0.0.1/x.txt',
        'file:///etc/passwd',
        good,
      ],
      { timeoutMs: 500, maxBytes: 1_000_000 },
    );
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(warnings).toEqual([
      `${base}/missing: download failed (HTTP 404 Not Found); check the URL or raise --timeout / --max-bytes`,
      `${base}/slow: download failed (no complete answer within 500 ms); check the URL or raise --timeout / --max-bytes`,
      `${base}/endless: too large (body is over the 1 MB limit); raise --max-bytes or split it`,
      expect.stringMatching(
        /^ftp:\/\/127\.0\.0\.1\/x\.txt: unsupported input \(scheme "ftp" is not allowed, only http and https\)/,
      ),
      expect.stringMatching(
        /^file:\/\/\/etc\/passwd: unsupported input \(scheme "file" is not allowed/,
      ),
    ]);
  });
});

describe('nothing readable', () => {
  it('throws NO_DOCUMENTS after warning about each input', async () => {
    const warnings: string[] = [];
    const error = await ingest([fx('truncated.warc').replace('truncated', 'missing')], {
      onWarning: (m) => warnings.push(m),
    }).catch((e: unknown) => e);
    expect(CoreError.isInstance(error) && error.code).toBe('NO_DOCUMENTS');
    expect(warnings).toHaveLength(1);
  });
});
