/**
 * Hostile pages through the built CLI: terminal escape sequences never reach
 * stdout or stderr, values are escaped in Markdown and HTML output, and
 * parsing a page runs none of its scripts and fetches none of its resources.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHtml } from '@stemma/core';
import { bin, ensureBuilt, root } from './helpers.js';

/** Runs the CLI without blocking the event loop, so the local server can answer meanwhile. */
function run(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 110_000,
        maxBuffer: 64 * 2 ** 20,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const ESC = '\u001b';
/** OSC 0 and 2 (window title), CSI 2J (clear screen), C1 CSI/OSC/ST, BEL. */
const ESCAPES = `${ESC}]0;owned title\u0007${ESC}]2;owned too${ESC}\\${ESC}[2J${ESC}[H\u009b2J\u009d0;c1 title\u009c\u0007`;
/** Nothing a terminal would act on: ESC, BEL, other C0 controls except \t \n \r, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const sentence = (n: number, extra = ''): string =>
  `Sentence ${n} of the invented Gullhaven report on the pier repairs, which the council approved after a long debate ${extra}.`;

let scratch = '';
let server: Server;
let hits: string[] = [];
let port = 0;

beforeAll(async () => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-safety-'));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

describe('terminal escape sequences', () => {
  it('never reach stdout (md, json) or stderr, from titles, text or file names', async () => {
    const dir = join(scratch, 'escapes');
    mkdirSync(dir);
    const paras = [1, 2, 3].map((n) => `<p>${sentence(n, ESCAPES)}</p>`).join('');
    writeFileSync(
      join(dir, 'page.html'),
      `<html><head><title>Pier ${ESCAPES} repairs</title><meta name="author" content="Ada ${ESCAPES}Quill"></head>` +
        `<body><article><h1>Pier${ESCAPES} repairs</h1>${paras}</article></body></html>`,
    );
    writeFileSync(
      join(dir, 'plain.txt'),
      `Pier repairs ${ESCAPES}\n\n${sentence(4, ESCAPES)}\n\n${sentence(5)}\n`,
    );
    // An input named with escapes that only earns a warning (empty file).
    writeFileSync(join(dir, `empty${ESC}]0;named${ESC}[2J.txt`), '');
    for (const format of ['md', 'json']) {
      const r = await run(['analyze', dir, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Pier/);
      expect(r.stdout).not.toMatch(CONTROL);
      expect(r.stderr).not.toMatch(CONTROL);
      if (format === 'json') {
        // Not even escaped inside JSON strings, where `jq -r` would print them raw: HTML extraction strips them.
        const report = JSON.parse(r.stdout) as { documents: { id: string }[] };
        const page = report.documents.find((d) => d.id === 'page');
        expect(page).toBeDefined();
        expect(JSON.stringify(page)).not.toMatch(/\\u001b|\\u0007|\\u009[bcd]/i);
      }
      expect(r.stderr).toMatch(/empty/);
    }
  });

  it('never reach stderr in an error message', async () => {
    const r = await run(['analyze', join(scratch, `missing${ESC}]0;gone\u0007${ESC}[2J.txt`)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/missing/);
    expect(r.stderr).not.toMatch(CONTROL);
  });
});

describe('display spoofing', () => {
  /** Bidi controls and invisible format characters: they reorder or hide what a person reads. */
  const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

  it('bidi controls and zero-width characters in titles, ids and file names reach no human-facing output; JSON keeps them', async () => {
    const dir = join(scratch, 'bidi');
    mkdirSync(dir);
    const body = [1, 2, 3, 4].map((n) => sentence(n)).join('\n\n');
    writeFileSync(
      join(dir, 'report\u202Etxt.exe.txt'),
      `Pier\u202E sriaper \u200Bhidden\u2066x\u2069\n\n${body}\n`,
    );
    writeFileSync(join(dir, 'copy\u200F.txt'), `Pier repairs\uFEFF\n\n${body}\n`);
    writeFileSync(
      join(dir, 'page.html'),
      `<html><head><title>Evil\u202Etitle\u2067</title></head><body><article>` +
        [1, 2, 3, 4].map((n) => `<p>${sentence(n)}</p>`).join('') +
        '</article></body></html>',
    );
    writeFileSync(join(dir, 'empty\u202E.txt'), '');
    for (const format of ['md', 'html', 'dot']) {
      const r = await run(['analyze', dir, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/report/);
      expect(r.stdout, format).not.toMatch(INVISIBLE);
      expect(r.stderr).not.toMatch(INVISIBLE);
      // The warning names the file with the control shown, so it can be found.
      expect(r.stderr).toContain('empty<U+202E>.txt');
    }
    const json = await run(['analyze', dir, '--format', 'json', '--quiet']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { documents: { id: string; path: string }[] };
    expect(report.documents.map((d) => d.path).join(' ')).toContain('report\u202Etxt.exe.txt');
  });
});

describe('escaping', () => {
  const SCRIPT = '<script>alert("x")</script>';
  const MD =
    '[click me](javascript:alert(1)) ![pixel](http://evil.example/p.png) # Heading <img src=x onerror=alert(1)>';

  it('keeps <script> and Markdown injection payloads inert in --format md and --format html', async () => {
    const dir = join(scratch, 'payloads');
    mkdirSync(dir);
    const esc = (s: string): string =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const id of ['a', 'b']) {
      const paras = [1, 2, 3]
        .map((n) => `<p>${sentence(n, esc(n === 1 ? SCRIPT : MD))}</p>`)
        .join('');
      writeFileSync(
        join(dir, `${id}.html`),
        `<html><head><title>${esc(SCRIPT)} ${esc(MD)}</title></head><body><article><h1>${esc(MD)}</h1>${paras}</article></body></html>`,
      );
    }
    writeFileSync(
      join(dir, 'c.md'),
      `# ${MD}\n\n${sentence(1, SCRIPT)}\n\n${sentence(2, MD)}\n\n${sentence(3)}\n`,
    );

    const md = await run(['analyze', dir, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/Gullhaven|pier|Pier/);
    expect(md.stdout).not.toMatch(/<script|<img/i);
    expect(md.stdout).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md.stdout).not.toMatch(/(?<!\\)!\[pixel(?<!\\)\]/);
    expect(md.stdout).not.toMatch(/^\s*(?:[-*]\s+)?# Heading/m);

    const html = await run(['analyze', dir, '--format', 'html']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).not.toMatch(/<script|<img/i);
    expect(html.stdout).not.toMatch(/<a [^>]*href="javascript:/i);
  });
});

describe('HTML parsing', () => {
  it('runs no script and fetches nothing, in the library and through the CLI', async () => {
    hits = [];
    const base = `http://127.0.0.1:${port}`;
    const page =
      `<html><head><title>Pier</title><link rel="stylesheet" href="${base}/style.css">` +
      `<script src="${base}/external.js"></script>` +
      `<script>globalThis.__stemmaSafety = 1; fetch('${base}/inline-script');</script></head>` +
      `<body onload="globalThis.__stemmaSafety = 2"><article><h1>Pier repairs</h1>` +
      `<img src="${base}/image.png"><iframe src="${base}/frame"></iframe><video src="${base}/video.mp4"></video>` +
      [1, 2, 3].map((n) => `<p>${sentence(n)}</p>`).join('') +
      `<object data="${base}/object"></object><embed src="${base}/embed"></article></body></html>`;
    const content = extractHtml(page);
    expect(content.text).toMatch(/Sentence 1/);
    expect((globalThis as Record<string, unknown>)['__stemmaSafety']).toBeUndefined();

    const dir = join(scratch, 'network');
    mkdirSync(dir);
    writeFileSync(join(dir, 'page.html'), page);
    writeFileSync(join(dir, 'copy.html'), page);
    const r = await run(['analyze', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    // Give any stray request time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
  });
});
