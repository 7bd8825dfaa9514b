/**
 * End-to-end tests of the built `stemma` binary (packages/cli/dist/bin.js),
 * spawned as users run it. `npm test` builds everything first (turbo); a bare
 * `npx vitest run test/cli.test.ts` builds here when dist is missing or older
 * than the sources.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateReport } from '@stemma/core';
import { bin, root, stemma } from './helpers.js';

const corpus = join(root, 'test/fixtures/corpus');
const cliPackage = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {
  version: string;
};

const run = stemma;

/** stderr as lines, without the trailing newline. */
function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

let scratch: string;

beforeAll(() => {
  const sources = ['packages/core/src', 'packages/generate/src', 'packages/cli/src'].map((d) =>
    newestMtime(join(root, d)),
  );
  if (!existsSync(bin) || statSync(bin).mtimeMs < Math.max(...sources)) {
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'],
        {
          cwd: root,
          stdio: 'pipe',
        },
      );
    } catch (error) {
      // tsc -b still emits when another package has type errors; only a missing binary is fatal here.
      if (!existsSync(bin))
        throw new Error(
          `building the CLI failed:\n${String((error as { stdout?: unknown }).stdout ?? error)}`,
        );
    }
  }
  scratch = mkdtempSync(join(tmpdir(), 'stemma-cli-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('stemma CLI', () => {
  it('is an executable script with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help with commands, examples and the exit-code table', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: stemma');
    // Paths are optional only because `--index DIR` stands in for them.
    expect(r.stdout).toMatch(/analyze \[options\] \[paths\.\.\.\]/);
    expect(r.stdout).toMatch(/index +keep a corpus on disk/);
    expect(r.stdout).toMatch(/query \[options\] \[pages\.\.\.\]/);
    expect(r.stdout).toMatch(/tui \[options\] \[paths\.\.\.\]/);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*2 +usage[\s\S]*3 +input[\s\S]*4 +model/);
    expect(r.stderr).toBe('');
  });

  it('prints analyze help with its options and formats', () => {
    const r = run(['analyze', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--format', '--out', '--backend', '--model', '--cache-dir', '--quiet'])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('"json", "md", "html", "dot"');
  });

  it('prints the version from package.json', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(cliPackage.version);
  });

  it('exits 2 with one line on an unknown flag', () => {
    const r = run(['analyze', corpus, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(["stemma: unknown option '--frobnicate'"]);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with one line on a bad --format value', () => {
    const r = run(['analyze', corpus, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^stemma: .*'xml' is invalid.*json, md, html, dot/);
  });

  it('exits 2 with one line on an unknown command or missing paths', () => {
    const unknown = run(['frob']);
    expect(unknown.code).toBe(2);
    expect(lines(unknown.stderr)).toEqual(["stemma: unknown command 'frob'"]);
    const missing = run(['analyze']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual(["stemma: missing required argument 'paths'"]);
  });

  it('exits 3 with one line naming a nonexistent path', () => {
    const path = join(scratch, 'no-such-folder');
    const r = run(['analyze', path]);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([`stemma: ${path}: no such file or folder; check the path`]);
    expect(r.stdout).toBe('');
  });

  it('strips escape sequences from error messages', () => {
    const r = run(['analyze', join(scratch, 'evil\u001B[2J\u001B]0;pwned\u0007name')]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(r.stderr).not.toContain('pwned');
    expect(lines(r.stderr)).toHaveLength(1);
  });

  it('exits 6 before analysing when the --out folder does not exist', () => {
    const r = run(['analyze', corpus, '--out', join(scratch, 'missing/dir/report.json')]);
    expect(r.code).toBe(6);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^stemma: cannot write .*report\.json: folder .* does not exist$/),
    ]);
  });

  it('exits 6 before analysing when --out is a device, a FIFO, a folder or a symlink to one', () => {
    const dir = mkdtempSync(join(scratch, 'special-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/proc/self/fd/1', join(dir, 'to-stdout'));
    symlinkSync('/dev/null', join(dir, 'to-null'));
    for (const out of [
      '/dev/null',
      '/dev/stdout',
      fifo,
      dir,
      join(dir, 'to-stdout'),
      join(dir, 'to-null'),
    ]) {
      // A missing input would exit 3: exit 6 shows --out was refused first, before any reading.
      const r = run(['analyze', join(scratch, 'no-such-input'), '--out', out]);
      expect(r.code, `${out}: ${r.stderr}`).toBe(6);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          /^stemma: cannot write .*: it is (a|a symlink to) .*(regular file or a new name|folder)/,
        ),
      ]);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('leaves an existing --out file untouched when the run fails', () => {
    const dir = mkdtempSync(join(scratch, 'out-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous report');
    const r = run(['analyze', join(scratch, 'no-such-input'), '--out', out]);
    expect(r.code).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('tui exits 3 on a nonexistent path and 2 without a terminal', () => {
    const missing = run(['tui', join(scratch, 'nothing-here')]);
    expect(missing.code).toBe(3);
    expect(lines(missing.stderr)).toHaveLength(1);
    const noTty = run(['tui', corpus]);
    expect(noTty.code).toBe(2);
    expect(lines(noTty.stderr)).toEqual([
      'stemma: tui needs an interactive terminal; for pipes and files use: stemma analyze',
    ]);
    // An index instead of paths: one or the other, in one line with the fix.
    const both = run(['tui', corpus, '--index', join(scratch, 'idx')]);
    expect(both.code).toBe(2);
    expect(lines(both.stderr)).toEqual([
      `stemma: give paths or --index ${join(scratch, 'idx')}, not both (add the paths with: stemma index add <paths…> --index ${join(scratch, 'idx')})`,
    ]);
    expect(run(['tui']).code).toBe(2);
  });
});

// These run the whole pipeline (encoder included) over test/fixtures/corpus.
describe('stemma analyze (full pipeline)', () => {
  it('prints a JSON report that validates against the schema', () => {
    const r = run(['analyze', corpus]);
    expect(r.code).toBe(0);
    // stderr holds warnings only (e.g. a TF.js backend fallback), never progress when not a TTY.
    for (const line of lines(r.stderr)) expect(line).toMatch(/^stemma: warning: /);
    const report: unknown = JSON.parse(r.stdout);
    validateReport(report);
    expect(report.documents.map((d) => d.id).sort()).toEqual([
      'clickfarm',
      'daily-herald',
      'harbour-wire',
      'town-notes',
    ]);
    // The spun copy is related to the ferry story it rewrites (direction and kind are the pipeline's tests).
    const related = report.relations.map((rel) =>
      [rel.parent, rel.child]
        .map((id) => id.split('#')[0])
        .sort()
        .join(' '),
    );
    expect(
      related.some((pair) => pair.includes('clickfarm') && /daily-herald|harbour-wire/.test(pair)),
    ).toBe(true);
  });

  it('renders --format md with the lineage tree and the relations table', () => {
    const r = run(['analyze', corpus, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Stemma report\n/);
    // Stories are named by label ("Outlet — Title", else the title), not by id.
    expect(r.stdout).toMatch(/^## Lineage\n\n- (?!\S+#\d+\s)\S/m);
    expect(r.stdout).toMatch(
      /^ {2,}- \S.* ← (verbatim|edited|paraphrase|spun|translated), paraphrase \d\.\d\d, confidence \d\.\d\d/m,
    );
    expect(r.stdout).toContain(
      '| Parent | Child | Kind | Confidence | Semantic | Lexical | Coverage | Paraphrase |',
    );
  });

  it('writes --out atomically: the whole report, no temp file left, old file replaced', () => {
    const dir = mkdtempSync(join(scratch, 'out-'));
    const out = join(dir, 'report.html');
    writeFileSync(out, 'previous report');
    const r = run(['analyze', corpus, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('prints --format dot as a digraph with an edge per relation', () => {
    const json = run(['analyze', corpus]);
    const dot = run(['analyze', corpus, '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "stemma" \{/);
    const report = JSON.parse(json.stdout) as { relations: { parent: string; child: string }[] };
    for (const rel of report.relations)
      expect(dot.stdout).toContain(`"${rel.parent}" -> "${rel.child}"`);
  });

  it('prints --format csv, graphml and newick; --independent adds the independent pairs to graphml', () => {
    const report = JSON.parse(run(['analyze', corpus, '-q']).stdout) as {
      documents: { stories: { id: string; label: string }[] }[];
      relations: { parent: string; child: string }[];
      independent: unknown[];
    };
    const labels = new Map(report.documents.flatMap((d) => d.stories.map((s) => [s.id, s.label])));
    expect(report.relations.length).toBeGreaterThan(0);
    const csv = run(['analyze', corpus, '-q', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.split('\r\n').filter((l) => l !== '');
    expect(rows[0]).toMatch(/^parent,child,kind,confidence,/);
    expect(rows).toHaveLength(report.relations.length + 1);
    const graphml = run(['analyze', corpus, '-q', '--format', 'graphml', '--independent']);
    expect(graphml.code).toBe(0);
    expect(graphml.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml /);
    expect(graphml.stdout.match(/<edge /g)).toHaveLength(
      report.relations.length + report.independent.length,
    );
    const newick = run(['analyze', corpus, '-q', '--format', 'newick']);
    expect(newick.code).toBe(0);
    // Newick taxa are the stories' labels (quotes doubled), the id in brackets when two share one.
    for (const rel of report.relations)
      expect(newick.stdout).toContain(
        `'${(labels.get(rel.child) ?? rel.child).replace(/'/g, "''")}`,
      );
  });

  it('prints input warnings on stderr one line each, and none with --quiet', () => {
    const dir = mkdtempSync(join(scratch, 'corpus-'));
    cpSync(corpus, dir, { recursive: true });
    writeFileSync(join(dir, 'empty.txt'), '  \n\n');
    const loud = run(['analyze', dir]);
    expect(loud.code).toBe(0);
    const warnings = lines(loud.stderr);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^stemma: warning: /);
    expect(warnings.some((w) => w.includes('empty.txt'))).toBe(true);
    const quiet = run(['analyze', dir, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

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
      const dir = mkdtempSync(join(scratch, `stuck-${stage}-`));
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
    const dir = mkdtempSync(join(scratch, 'dates-'));
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
    const dir = mkdtempSync(join(scratch, 'warc-'));
    writeFileSync(join(dir, 'crawl.warc'), warcinfo + exchange(1) + exchange(2));
    const r = run(['analyze', dir, '--strict']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { documents: unknown[] };
    expect(report.documents).toHaveLength(2);
  });

  it("keeps warcio's console chatter off stderr: a warning when it is real, nothing with --quiet", () => {
    const dir = mkdtempSync(join(scratch, 'warc-'));
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

describe('stemma analyze with a stdout that fails', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'on a full device (> /dev/full) prints one line and exits 6, no stack trace',
    () => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [bin, 'analyze', corpus, '--quiet'], {
          cwd: root,
          encoding: 'utf8',
          stdio: ['pipe', full, 'pipe'],
          env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1' },
          timeout: 110_000,
        });
        expect(r.status, r.stderr).toBe(6);
        expect(lines(r.stderr)).toEqual([
          expect.stringMatching(/^stemma: cannot write to stdout: no space left on the device\b/),
        ]);
      } finally {
        closeSync(full);
      }
    },
  );

  it('on a pipe its reader closed (| head -c1) exits 0 quietly', async () => {
    const child = spawn(process.execPath, [bin, 'analyze', corpus, '--quiet'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1' },
    });
    // The reader goes away before the report is written.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('stemma generate', () => {
  it('leaves --out a clean corpus and writes the answer key beside it', () => {
    const out = join(scratch, 'synth');
    const gen = run(['generate', '--out', out, '--families', '3', '--seed', '5']);
    expect(gen.code).toBe(0);
    const truthFile = `${out}.truth.json`;
    expect(gen.stderr).toContain(truthFile);
    expect(readdirSync(out).every((f) => /^f\d{3}-[a-z]\.(txt|html)$/.test(f))).toBe(true);
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
      relations: unknown[];
      roots: unknown[];
    };
    expect(truth.relations.length).toBeGreaterThan(0);
    const analyzed = run(['analyze', out, '--strict', '--format', 'json']);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stderr).toBe('');
    const report = JSON.parse(analyzed.stdout) as { documents: unknown[] };
    expect(report.documents).toHaveLength(readdirSync(out).length);
  });

  it('reports a lost exemplar copied from another lost exemplar (seed 1: nested hidden nodes) in every format', () => {
    const out = join(scratch, 'nested-hidden');
    expect(run(['generate', '--out', out, '--families', '10', '--seed', '1', '--quiet']).code).toBe(
      0,
    );
    const analyzed = run(['analyze', out, '--format', 'json']);
    expect(analyzed.code).toBe(0);
    const report = JSON.parse(analyzed.stdout) as {
      relations: { parent: string; child: string; evidence: string[] }[];
    };
    validateReport(report);
    const nested = report.relations.filter((r) => r.child.startsWith('hidden:'));
    expect(nested.length).toBeGreaterThan(0);
    for (const r of nested) expect(r.parent).toMatch(/^hidden:\d+$/);
    expect(JSON.stringify(report)).not.toContain('hidden:?');
  });

  it('writes one answer key beside each batch folder when originals repeat', () => {
    const out = join(scratch, 'batches');
    const gen = run(['generate', '--out', out, '--families', '12', '--quiet']);
    expect(gen.code).toBe(0);
    expect(gen.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual([
      'batch-01',
      'batch-01.truth.json',
      'batch-02',
      'batch-02.truth.json',
    ]);
    for (const b of ['batch-01', 'batch-02'])
      expect(readdirSync(join(out, b)).some((f) => f.endsWith('.json'))).toBe(false);
  });
});
