/**
 * `stemma analyze` end to end on hard inputs: documents that overrun
 * --doc-timeout, fuzzed publication dates, WARC crawls.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateReport } from '@stemma/core';
import { lines, root, scratchFolder, stemma } from './helpers.js';

const corpus = join(root, 'test/fixtures/corpus');
const run = stemma;

const scratchDir = scratchFolder('stemma-cli-');

describe('stemma analyze --doc-timeout (issue 9)', () => {
  it('exits 2 with one line on a --doc-timeout that is not a positive number of seconds', () => {
    for (const bad of ['0', '-1', 'abc', 'Infinity']) {
      const r = run(['analyze', corpus, '--doc-timeout', bad]);
      expect(r.code, bad).toBe(2);
      expect(lines(r.stderr), bad).toHaveLength(1);
      expect(r.stderr, bad).toMatch(/^stemma: --doc-timeout: /);
    }
  });

  // Each stage's test hook spins while handling one document: reading in the
  // read worker (packages/core/src/ingest/extract.ts) and segmenting in the
  // segment worker for 10 minutes, stopped by the budget; embedding, timed
  // cooperatively (packages/core/src/embed/embed-stories.ts), for 2 s, found
  // once it ends.
  it.each([
    ['reading', 'STEMMA_TEST_STALL_READ', 'stuck.html', 600_000],
    ['segmenting', 'STEMMA_TEST_STALL_SEGMENT', 'harbour-wire.txt', 600_000],
    ['embedding', 'STEMMA_TEST_STALL_EMBED', 'harbour-wire.txt', 2_000],
  ] as const)(
    'drops a document whose %s overruns --doc-timeout, with one warning, and reports the rest',
    (stage, hook, stuck, ms) => {
      const dir = mkdtempSync(join(scratchDir(), `stuck-${stage}-`));
      cpSync(corpus, dir, { recursive: true });
      if (stuck === 'stuck.html')
        writeFileSync(
          join(dir, stuck),
          '<html><body><article><p>The council met on Tuesday to settle the water budget.</p></article></body></html>',
        );
      const t0 = performance.now();
      const r = run(['analyze', dir, '--doc-timeout', '1'], { env: { [hook]: `${stuck}:${ms}` } });
      expect(performance.now() - t0).toBeLessThan(60_000);
      expect(r.code, r.stderr).toBe(0);
      expect(lines(r.stderr)).toContain(
        `stemma: warning: ${join(dir, stuck)}: ${stage} took over 1 s; skipped (--doc-timeout)`,
      );
      const report = JSON.parse(r.stdout) as { documents: { path: string }[] };
      const paths = report.documents.map((d) => d.path);
      expect(paths).not.toContain(join(dir, stuck));
      expect(paths.length).toBeGreaterThan(0);
    },
  );
});

describe('stemma analyze on fuzzed publication dates', () => {
  it('writes a report that passes validateReport, each bad date dropped with a warning naming its record', () => {
    const dir = mkdtempSync(join(scratchDir(), 'dates-'));
    const odd = ['9999-99-99', '-271821-04', '+012345-01', '2023-02-29', '0000-00-00T00:00Z'];
    // Seeded, so a failure reproduces: year, month and day well past their ranges, signs, junk.
    const fuzzed = fc.sample(
      fc.oneof(
        fc
          .tuple(
            fc.constantFrom('', '+', '-', '+0'),
            fc.integer({ min: 0, max: 999_999 }),
            fc.integer({ min: 0, max: 99 }),
            fc.integer({ min: 0, max: 99 }),
          )
          .map(
            ([sign, y, m, d]) =>
              `${sign}${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
          ),
        fc.string({ minLength: 1 }),
      ),
      { numRuns: 15, seed: 9 },
    );
    const dates = [...odd, ...fuzzed];
    const sentence = (n: number): string =>
      `Record ${n} says the Gullhaven council approved the pier repairs after a long debate about money and tides.`;
    const records = dates.map((published, i) =>
      i % 2 === 0
        ? { id: `r${i}`, text: `${sentence(i)}\n\n${sentence(i + 100)}`, published }
        : {
            id: `r${i}`,
            html: `<html><head><meta name="date" content="${published.replace(/"/g, '')}"></head><body><article><p>${sentence(i)}</p><p>${sentence(i + 100)}</p></article></body></html>`,
          },
    );
    writeFileSync(join(dir, 'export.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const r = run(['analyze', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report: unknown = JSON.parse(r.stdout);
    expect(() => validateReport(report)).not.toThrow();
    for (const line of lines(r.stderr).filter((l) => l.includes('published date')))
      expect(line).toMatch(
        /^stemma: warning: .*export\.jsonl:\d+: published date ".*" is not a valid date/,
      );
    // Record fields are all reported (odd ones as text records); page meta that is no date at all is simply ignored.
    for (const value of [odd[0], odd[2], odd[4]])
      expect(r.stderr).toContain(`published date "${value}"`);
  });
});

describe('stemma analyze on WARC files', () => {
  const page = (n: number): string =>
    `<html><head><title>Pier ${n}</title></head><body><article><h1>Pier repairs</h1>` +
    [1, 2, 3]
      .map(
        (k) =>
          `<p>Sentence ${k} of the invented Gullhaven report on the pier repairs, approved after a long debate.</p>`,
      )
      .join('') +
    '</article></body></html>';
  /** A WARC/1.0 record as wget writes it: Content-Length over the block, then CRLF CRLF. */
  const record = (type: string, uri: string, block: string, lengthDelta = 0): string =>
    `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: <${uri}>\r\n` +
    `Content-Type: application/http;msgtype=${type}\r\nContent-Length: ${Buffer.byteLength(block) + lengthDelta}\r\n\r\n${block}\r\n\r\n`;
  const exchange = (n: number, lengthDelta = 0): string => {
    const body = page(n);
    const url = `http://news.example/${n}`;
    return (
      record('request', url, `GET /${n} HTTP/1.1\r\nHost: news.example\r\n\r\n`) +
      record(
        'response',
        url,
        `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        lengthDelta,
      )
    );
  };
  const warcinfo =
    'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\nContent-Length: 35\r\n\r\n' +
    'software: Wget/1.21.3 (linux-gnu)\r\n\r\n\r\n';

  it('reads an uncompressed wget-style crawl with no warning, so --strict passes', () => {
    const dir = mkdtempSync(join(scratchDir(), 'warc-'));
    writeFileSync(join(dir, 'crawl.warc'), warcinfo + exchange(1) + exchange(2));
    const r = run(['analyze', dir, '--strict']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { documents: unknown[] };
    expect(report.documents).toHaveLength(2);
  });

  it("keeps warcio's console chatter off stderr: a warning when it is real, nothing with --quiet", () => {
    const dir = mkdtempSync(join(scratchDir(), 'warc-'));
    writeFileSync(join(dir, 'short.warc'), warcinfo + exchange(1, -30) + exchange(2));
    const quiet = run(['analyze', dir, '--quiet']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    const loud = run(['analyze', dir]);
    expect(loud.stderr).not.toMatch(/Content-Length Too Small/);
    expect(lines(loud.stderr)).toEqual([
      expect.stringMatching(
        /^stemma: warning: .*short\.warc#3 .*Content-Length is too small: 30 stray bytes/,
      ),
    ]);
  });
});
