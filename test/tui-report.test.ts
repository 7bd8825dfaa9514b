/**
 * `stemma tui --report FILE` through the built binary: a bad or missing
 * report is refused with one line naming the file and the fix (exit 3)
 * before the terminal is even checked; a good one opens the browser (run
 * under `script`, which gives the process a terminal, when it is installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, stemma } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'stemma-tui-report-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

/** A small valid report: two stories, one copied from the other, text included. */
const report = {
  schemaVersion: 2,
  generator: { name: 'stemma', version: '0.1.0' },
  encoder: { name: 'test', dimensions: 4, backend: 'cpu' },
  documents: ['original', 'copy'].map((id) => ({
    id,
    path: `/pages/${id}.txt`,
    title: `The ${id}`,
    publisher: null,
    published: null,
    stories: [
      {
        id: `${id}#1`,
        title: `The ${id}`,
        byline: null,
        published: null,
        attribution: [],
        paragraphCount: 1,
        excerpt: 'Floodgates opened',
        paragraphs: [
          id === 'original'
            ? 'Floodgates opened at dawn on Friday.'
            : 'Floodgates opened on Friday.',
        ],
      },
    ],
  })),
  relations: [
    {
      parent: 'original#1',
      child: 'copy#1',
      kind: 'edited',
      confidence: 0.9,
      scores: { semantic: 0.95, lexical: 0.8, coverage: 1, paraphrase: 0.93, rewording: 0.19 },
      alignment: [{ parentParagraph: 0, childParagraph: 0, semantic: 0.95, lexical: 0.8 }],
      evidence: ['invented'],
    },
  ],
  independent: [],
  lineage: [{ root: 'original#1', members: ['original#1', 'copy#1'] }],
  hidden: [],
  warnings: [],
};

/**
 * Runs the binary in a terminal (`script`), NO_COLOR. Keys typed before Ink
 * switches the terminal to raw mode are lost, and start-up time varies:
 * q is pressed once a second until the browser quits.
 */
function inTerminal(args: readonly string[]) {
  const command = [process.execPath, bin, ...args].map((a) => JSON.stringify(a)).join(' ');
  return spawnSync(
    'sh',
    [
      '-c',
      `(for i in $(seq 1 60); do sleep 1; printf q; done) | script -qec '${command}' /dev/null`,
    ],
    { encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } },
  );
}
const hasScript = spawnSync('script', ['--version']).status === 0;

const stderrLines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const fix = (file: string): string =>
  `make one with: stemma analyze <paths…> --format json --include-text --out ${file}`;

describe('stemma tui --report', () => {
  it('refuses a missing, non-JSON or non-report file in one line, exit 3', () => {
    const missing = join(scratch, 'missing.json');
    const a = stemma(['tui', '--report', missing]);
    expect(a.code).toBe(3);
    expect(stderrLines(a.stderr)).toEqual([
      `stemma: ${missing}: no such report file; ${fix(missing)}`,
    ]);

    const notJson = join(scratch, 'not-json.json');
    writeFileSync(notJson, 'Floodgates opened\n');
    const b = stemma(['tui', '--report', notJson]);
    expect(b.code).toBe(3);
    expect(stderrLines(b.stderr)).toHaveLength(1);
    expect(b.stderr).toContain(`stemma: ${notJson}: not a JSON report (`);

    const other = join(scratch, 'other.json');
    writeFileSync(other, JSON.stringify({ ...report, schemaVersion: 1 }));
    const c = stemma(['tui', '--report', other]);
    expect(c.code).toBe(3);
    expect(stderrLines(c.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^stemma: .*other\\.json: report does not match the schema \\(/schemaVersion .*\\); make one with`,
        ),
      ),
    ]);
  });

  it('takes --report alone, and a good report still needs a terminal', () => {
    const file = join(scratch, 'good.json');
    writeFileSync(file, JSON.stringify(report));
    const both = stemma(['tui', 'examples', '--report', file]);
    expect(both.code).toBe(2);
    expect(stderrLines(both.stderr)).toEqual([
      `stemma: give --report ${file} alone: it is browsed as saved, without paths or --index`,
    ]);
    const noTty = stemma(['tui', '--report', file]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('tui needs an interactive terminal');
  });

  it.skipIf(!hasScript)(
    'opens a good report in a terminal (script) and quits on q',
    { timeout: 120_000 },
    () => {
      const file = join(scratch, 'good.json');
      writeFileSync(file, JSON.stringify(report));
      const r = inTerminal(['tui', '--report', file]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('original#1');
      expect(r.stdout).toContain('copy#1');
      expect(r.stdout).toContain('2 stories · 1 relation · 1 tree');
    },
  );
});

describe('stemma tui --index DIR --stored', () => {
  it('needs --index, and an index that is there', () => {
    const alone = stemma(['tui', '--stored']);
    expect(alone.code).toBe(2);
    expect(stderrLines(alone.stderr)).toEqual([
      'stemma: --stored reads an index: give --index DIR',
    ]);
    const missing = join(scratch, 'no-such.idx');
    const gone = stemma(['tui', '--index', missing, '--stored']);
    expect(gone.code).toBe(5);
    expect(stderrLines(gone.stderr)).toHaveLength(1);
    expect(gone.stderr).toContain(missing);
  });

  it.skipIf(!hasScript)(
    'opens the lineage the index stored, in a terminal (script), and quits on q',
    { timeout: 120_000 },
    () => {
      const idx = join(scratch, 'examples.idx');
      const add = stemma(['index', 'add', 'examples', '--index', idx, '-q']);
      expect(add.code, add.stderr).toBe(0);
      const stored = stemma(['analyze', '--index', idx, '--stored', '-q']);
      expect(stored.code, stored.stderr).toBe(0);
      const want = JSON.parse(stored.stdout) as { relations: { child: string }[] };
      expect(want.relations.length).toBeGreaterThan(0);
      const r = inTerminal(['tui', '--index', idx, '--stored']);
      expect(r.status).toBe(0);
      const n = want.relations.length;
      expect(r.stdout).toContain(`${n} relation${n === 1 ? '' : 's'}`);
      expect(r.stdout).toContain(want.relations[0]!.child);
    },
  );
});
