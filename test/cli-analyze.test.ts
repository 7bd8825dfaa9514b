/**
 * `stemma analyze` end to end, the built binary spawned as users run it: the
 * whole pipeline over test/fixtures/corpus in every format, warnings, --out,
 * and a stdout that fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '@stemma/core';
import { bin, lines, root, scratchFolder, stemma } from './helpers.js';

const corpus = join(root, 'test/fixtures/corpus');
const run = stemma;

const scratchDir = scratchFolder('stemma-cli-');

/**
 * `stemma analyze <fixtures>` (JSON, warnings on stderr), run once for the
 * tests that read the default report: each run costs seconds of CPU, and
 * they read the same output. `-q` changes only stderr (its own test below).
 */
let jsonRun: ReturnType<typeof stemma> | undefined;
const analyzeJson = () => (jsonRun ??= run(['analyze', corpus]));

// These run the whole pipeline (encoder included) over test/fixtures/corpus.
describe('stemma analyze (full pipeline)', () => {
  it('prints a JSON report that validates against the schema', () => {
    const r = analyzeJson();
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
      '| Parent | Child | Kind | Confidence | Semantic | Lexical | Coverage | Paraphrase | Extent |',
    );
  });

  it('writes --out atomically: the whole report, no temp file left, old file replaced', () => {
    const dir = mkdtempSync(join(scratchDir(), 'out-'));
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
    const json = analyzeJson();
    const dot = run(['analyze', corpus, '--format', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "stemma" \{/);
    const report = JSON.parse(json.stdout) as { relations: { parent: string; child: string }[] };
    for (const rel of report.relations)
      expect(dot.stdout).toContain(`"${rel.parent}" -> "${rel.child}"`);
  });

  it('prints --format csv, graphml and newick; --independent adds the independent pairs to graphml', () => {
    const report = JSON.parse(analyzeJson().stdout) as {
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
    const dir = mkdtempSync(join(scratchDir(), 'corpus-'));
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
