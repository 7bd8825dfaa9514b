/**
 * Robustness rows of issue 9: every hostile input completes, with correct
 * output or a one-line warning, within a generous 30 s of CPU time on a 2-core
 * machine, with peak RSS under 1 GiB. CPU time, not wall time: the budget
 * catches a quadratic blow-up whatever else the machine runs (under load,
 * wall times ran past 30 s with the same work). Each runs the pipeline in a child process
 * (hostile-child.ts, built) so its time and memory are its own. The growth
 * figures live in the bench (npm run bench -- hostile).
 *
 * The child's V8 heap is capped at HEAP_MIB. V8 grows its heap lazily and
 * keeps garbage until a full collection, so peak RSS without a cap is as
 * much the collector's choice as the input's: the 21 000-page content farm
 * peaked at 0.67 to 1.03 GiB in five runs on an idle machine and 1.12 GiB
 * under a loaded CI, while its live heap never passed 152 MB (a collection
 * forced at every stage boundary: peak 0.60 GiB). Under the cap a run that
 * needed more live memory fails outright (out of memory), so the cap tests
 * the memory the input needs, and RSS is still held to 1 GiB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from './hostile-inputs.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const child = join(root, 'packages/bench/dist/hostile-child.js');
const BUDGET_MS = 30_000;
const GiB = 2 ** 30;
const HEAP_MIB = 768;

interface Outcome {
  readonly ms: number;
  /** The child's user + system CPU time (every thread). */
  readonly cpuMs: number;
  readonly documents: number;
  readonly stories: number;
  readonly relations: number;
  readonly warnings: string[];
  readonly maxRss: number;
}

function run(paths: string[], args: string[] = []): Outcome {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MIB}`, child, ...args, ...paths],
    {
      encoding: 'utf8',
      timeout: 90_000,
      maxBuffer: 64 << 20,
    },
  );
  const ms = performance.now() - t0;
  expect(r.signal, `stopped after ${Math.round(ms)} ms`).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as Outcome), ms };
}

/** A case by name, whose `write` makes its folder first. */
const hostile = (name: string) => {
  const c = HOSTILE_CASES.find((x) => x.name === name)!;
  return {
    ...c,
    write: (dir: string, scale: number) => {
      mkdirSync(dir, { recursive: true });
      return c.write(dir, scale);
    },
  };
};

describe('hostile inputs (issue 9)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(child))
      execFileSync('npx', ['tsc', '-b', 'packages/bench'], { cwd: root, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'stemma-hostile-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const within = (o: Outcome) => {
    expect(o.cpuMs, `${Math.round(o.ms)} ms of wall time`).toBeLessThan(BUDGET_MS);
    expect(o.maxRss).toBeLessThan(GiB);
  };

  it('a 1 MB plain-text page on one line is analysed (was quadratic: 200k chars over 60 s)', () => {
    const o = run(hostile('one-line page').write(join(dir, 'one-line'), 100));
    within(o);
    expect(o.stories).toBe(1);
  });

  it('HTML nested 20 000 deep is read, flattened with one warning (was a stack overflow)', () => {
    const o = run(hostile('nested HTML').write(join(dir, 'nested'), 100));
    within(o);
    expect(o.stories).toBe(1);
    expect(o.warnings).toEqual([expect.stringMatching(/nested\.html: markup nested over 64/)]);
  });

  it('a JSONL record of 45 MB on one line is analysed in its first --max-chars characters, with one warning', () => {
    const o = run(hostile('JSONL record, long text').write(join(dir, 'jsonl'), 100));
    within(o);
    expect(o.documents).toBe(2);
    expect(o.warnings).toEqual([
      expect.stringMatching(
        /long\.jsonl:1: text of 45,000,007 characters; only the first [\d,]+ are analysed \(--max-chars\)/,
      ),
    ]);
  });

  it('an HTML page of 100 000 paragraphs is analysed (was over 120 s and 3.4 GB; the index searched the whole page per paragraph)', () => {
    const o = run(hostile('HTML paragraphs').write(join(dir, 'paragraphs'), 100));
    within(o);
    expect(o.stories).toBe(1);
    // 23 MB of text: its first --max-chars characters, some 8 700 paragraphs.
    expect(o.warnings).toEqual([
      expect.stringMatching(/paragraphs\.html: text of [\d,]+ characters; only the first/),
    ]);
  });

  it('20 000 tiny files of a content farm are read and each copy related (were 77 s and 2.7 GB)', () => {
    // Bodies with more copies than partner slots meet the corpus through
    // their earliest copy; the others are related to it alone.
    const paths = hostile('tiny files').write(join(dir, 'tiny'), 100);
    // And near-empty pages beside them, each read.
    for (let i = 0; i < 1_000; i++)
      writeFileSync(join(paths[0]!, `empty-${i}.txt`), `Page ${i}\n\nOffer ${i} ends soon.\n`);
    const o = run(paths);
    within(o);
    expect(o.documents).toBe(21_000);
    expect(o.relations).toBeGreaterThanOrEqual(20_000 - 97);
  });

  it('a WARC record inflating to 1 GB is refused at --max-bytes, and the record after it is read', () => {
    const c = hostile('WARC gzip bomb');
    const o = run(c.write(join(dir, 'bomb'), 100), ['--max-bytes', String(c.maxBytes)]);
    within(o);
    expect(o.warnings).toContainEqual(expect.stringMatching(/inflates past the 50 MB limit/));
    expect(o.stories).toBe(1);
  });

  // One run over the five pages (each process costs some 3 s before any input).
  it('20 000-character runs of "(AP) —", "A.", "U.S.", capitalised words and bylines inside pages are analysed (backtracking patterns)', () => {
    const names = ['(AP) — run', 'A. run', 'U.S. run', 'capitalised words run', 'bylines run'];
    const paths = names.flatMap((name) =>
      hostile(name).write(join(dir, name.replace(/\W+/g, '-')), 10),
    );
    const o = run(paths);
    within(o);
    expect(o.documents).toBe(5);
    expect(o.stories).toBe(5);
  });
});
