/**
 * End-to-end: `stemma analyze` over every input kind at once (a folder with
 * text, a JSONL corpus with a bad line, a WARC.gz crawl, a gzipped page,
 * stdin, a URL on a local server) plus bad inputs made here (binary, empty,
 * a sparse 200 MB file). Bad inputs get one stderr line each and the run
 * goes on; --strict turns them into a failure; --include-text adds the
 * paragraphs, valid against the schema.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport, type Report } from '@stemma/core';
import { bin, ensureBuilt, root, type Run } from './helpers.js';

const fixtures = join(root, 'test/fixtures/inputs');
const coreFixtures = join(root, 'packages/core/test/fixtures/inputs');

/** Runs `stemma …` without blocking this process (the local server must answer meanwhile). */
function stemma(args: readonly string[], stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const stdinStory =
  'Council delays bus lane vote\n\nThe city council postponed its vote on new bus lanes on Tuesday after ' +
  'shop owners on the high street asked for more time to study the plans.\n\nCouncillors will return to ' +
  'the proposal in September, the transport committee said.\n';

let dir: string;
let server: Server;
let base: string;
beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'stemma-e2e-inputs-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, 'skip'), { recursive: true });
  copyFileSync(join(fixtures, 'wire.txt'), join(corpus, 'wire.txt'));
  copyFileSync(join(fixtures, 'copies.jsonl'), join(corpus, 'copies.jsonl'));
  copyFileSync(join(coreFixtures, 'crawl.warc.gz'), join(corpus, 'crawl.warc.gz'));
  copyFileSync(join(coreFixtures, 'ferry.html.gz'), join(corpus, 'ferry.html.gz'));
  copyFileSync(join(fixtures, 'wire.txt'), join(corpus, 'skip/excluded.txt'));
  writeFileSync(join(corpus, 'binary.txt'), Buffer.from('text\u0000with a NUL', 'utf8'));
  writeFileSync(join(corpus, 'blank.md'), ' \n\t\n');
  truncateSync(
    (writeFileSync(join(corpus, 'huge.html'), ''), join(corpus, 'huge.html')),
    200 * 1024 * 1024,
  );

  server = createServer((req, res) => {
    if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>' +
          '<p>The harbour reopened to fishing boats on Friday morning after the storm passed, the port authority said.</p>' +
          '<p>Crews spent two days clearing debris from the main channel.</p></article></body></html>',
      );
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const args = () => [
  'analyze',
  join(dir, 'corpus'),
  '-',
  `${base}/story`,
  `${base}/gone`,
  '--exclude',
  'skip',
  '--include-text',
  '--backend',
  'cpu',
];

describe('stemma analyze: every input kind, mixed', () => {
  it('reads them all, reports each bad input in one line, exits 0, and --include-text adds paragraphs', async () => {
    const r = await stemma(args(), stdinStory);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(() => validateReport(report)).not.toThrow();
    expect(report.documents.map((d) => d.id).sort()).toEqual(
      [
        'aggregator-reservoir',
        'ferry',
        'ferry-resumes',
        'library-hours',
        'portal-reservoir',
        'stdin',
        'story',
        'wire',
      ].sort(),
    );
    const wire = report.documents.find((d) => d.id === 'wire')?.stories[0];
    expect(wire?.paragraphs).toHaveLength(wire?.paragraphCount ?? -1);
    expect(wire?.paragraphs?.join('\n')).toContain(
      'Water levels in the Northbridge reservoir have fallen',
    );
    expect(wire?.paragraphs?.join('\n')).not.toContain('By Mara Lindqvist');
    expect(report.documents.find((d) => d.id === 'story')?.stories[0]?.paragraphs?.[0]).toMatch(
      /^The harbour reopened/,
    );
    // The JSONL copy and the text file's story are found to be one text, whatever the input kinds.
    const pair = report.relations.find(
      (x) => [x.parent, x.child].sort().join() === 'portal-reservoir#1,wire#1',
    );
    expect(pair?.kind).toBe('verbatim');

    const warnings = r.stderr.trimEnd().split('\n');
    const expected = [
      /binary\.txt: looks like binary data \(NUL bytes\)/,
      /blank\.md: is empty or holds only whitespace/,
      /copies\.jsonl:2: malformed \(invalid JSON/,
      /huge\.html: too large \(209\.7 MB, over the 50 MB limit \(--max-bytes\)\); raise --max-bytes/,
      /\/gone: download failed \(HTTP 404 Not Found\)/,
    ];
    expect(warnings).toHaveLength(expected.length);
    for (const re of expected)
      expect(warnings.filter((w) => re.test(w) && w.startsWith('stemma: warning: '))).toHaveLength(
        1,
      );
    expect(report.warnings).toHaveLength(expected.length);
  });

  it('--strict turns the warnings into a failure: exit 3, nothing on stdout', async () => {
    const r = await stemma([...args(), '--strict'], stdinStory);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^stemma: --strict: 5 warnings, the first: .*binary\.txt: looks like binary data/,
    );
  });

  it('--strict with clean inputs runs as usual', async () => {
    const r = await stemma([
      'analyze',
      join(fixtures, 'wire.txt'),
      '--strict',
      '--backend',
      'cpu',
      '--format',
      'md',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Reservoir levels fall');
  });

  it('a bad --max-bytes is a usage error; inputs that are all unusable exit 3', async () => {
    const bad = await stemma(['analyze', fixtures, '--max-bytes', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'stemma: --max-bytes: invalid option ("lots" is not a size like 50MB, 200kB or 1048576)\n',
    );
    const chars = await stemma(['analyze', fixtures, '--max-chars', '1.5']);
    expect(chars.code).toBe(2);
    expect(chars.stderr).toBe(
      'stemma: --max-chars: invalid option (must be a whole number of characters)\n',
    );
    const none = await stemma(['analyze', join(dir, 'corpus/binary.txt'), 'ftp://127.0.0.1/x']);
    expect(none.code).toBe(3);
    expect(none.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^stemma: warning: .*binary\.txt: looks like binary data/),
      expect.stringMatching(
        /^stemma: warning: ftp:\/\/127\.0\.0\.1\/x: unsupported input \(scheme "ftp" is not allowed/,
      ),
      expect.stringMatching(/^stemma: .*no readable documents in the inputs/),
    ]);
  });
});
