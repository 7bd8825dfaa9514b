/**
 * `stemma index …`, `stemma query` and `stemma analyze --index`, run as
 * users run them: the built binary on the examples and a generated corpus.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, root, stemma } from './helpers.js';

const examples = join(root, 'examples');
let scratch: string;

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-index-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The report without its generator (the version line), as compared text. */
const body = (json: string) => {
  const report = JSON.parse(json) as Record<string, unknown>;
  delete report['generator'];
  return JSON.stringify(report);
};
const errLines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('stemma index on the examples', () => {
  let idx: string;
  // The index every test here reads is built before them, so that a test run
  // alone (`-t query`) still finds it.
  let first: ReturnType<typeof stemma>;
  beforeAll(() => {
    idx = join(scratch, 'examples.idx');
    first = stemma(['index', 'add', examples, '--index', idx, '--quiet', '--json']);
  });

  it('adds the pages once: a second add reads nothing new into it', () => {
    expect(first.code, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout) as {
      added: unknown[];
      embedded: number;
      duplicateParagraphs: number;
    };
    expect(r.added).toHaveLength(6);
    expect(r.duplicateParagraphs).toBeGreaterThan(0); // the aggregator repeats the original verbatim
    const again = stemma(['index', 'add', examples, '--index', idx, '--quiet', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], embedded: 0, generation: 1 });
    expect((JSON.parse(again.stdout) as { skipped: unknown[] }).skipped).toHaveLength(6);
  });

  it('reports stats and verifies', () => {
    const stats = stemma(['index', 'stats', '--index', idx, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({
      documents: 6,
      generation: 1,
      schemaVersion: 3,
    });
    const verify = stemma(['index', 'verify', '--index', idx]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/: ok \(generation 1, \d+ vectors, vectors-1\.hnsw\)/);
  });

  it('analyze --index gives the report a one-shot analyze of the same pages gives, in every format', () => {
    const stored = stemma(['analyze', '--index', idx, '--quiet']);
    const oneShot = stemma(['analyze', examples, '--quiet']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(body(stored.stdout)).toBe(body(oneShot.stdout));
    for (const format of ['md', 'html', 'dot']) {
      const r = stemma(['analyze', '--index', idx, '--format', format, '--quiet']);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    const both = stemma(['analyze', examples, '--index', idx]);
    expect(both.code).toBe(2);
    expect(errLines(both.stderr)).toHaveLength(1);
  });

  it('query: the light edit derives from the original; the original has children; nothing is added', () => {
    const small = join(scratch, 'small.idx');
    stemma([
      'index',
      'add',
      join(examples, 'original.txt'),
      join(examples, 'independent.txt'),
      '--index',
      small,
      '-q',
    ]);
    const q = stemma(['query', join(examples, 'light-edit.txt'), '--index', small]);
    expect(q.code, q.stderr).toBe(0);
    const r = JSON.parse(q.stdout) as {
      parents: {
        story: string;
        kind: string;
        confidence: number;
        evidence: string[];
        title: string | null;
        outlet: string | null;
        label: string;
      }[];
      candidates: { docId: string; exactParagraphs: number }[];
      added: boolean;
    };
    expect(r.parents[0]).toMatchObject({ story: 'original#1', kind: 'edited' });
    expect(r.parents[0]?.evidence.length).toBeGreaterThan(0);
    // Named as people name it: the original's dateline gives its outlet.
    expect(r.parents[0]?.outlet).toEqual(expect.any(String));
    expect(r.parents[0]?.label).toBe(`${r.parents[0]?.outlet} — ${r.parents[0]?.title}`);
    expect(r.candidates[0]).toMatchObject({ docId: 'original' });
    expect(r.candidates[0]?.exactParagraphs).toBeGreaterThan(0);
    expect(r.added).toBe(false);
    expect(JSON.parse(stemma(['index', 'stats', '--index', small, '--json']).stdout)).toMatchObject(
      { documents: 2 },
    );

    const md = stemma(['query', join(examples, 'original.txt'), '--index', idx, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/Already indexed as `original`/);
    expect(md.stdout).toMatch(/## Children \(derive from it\)\n\n\| # \| story/);
    expect(md.stdout).toMatch(/\| 1 \| \S+#\d+ \S[^|]* — /); // rows name the story by its label

    const add = stemma(['query', join(examples, 'spun.txt'), '--index', small, '--add']);
    expect(JSON.parse(add.stdout)).toMatchObject({ added: true });
    expect(JSON.parse(stemma(['index', 'stats', '--index', small, '--json']).stdout)).toMatchObject(
      { documents: 3 },
    );
  });

  it('query of several pages: one reader, one JSON line each, the answers of one-page queries', () => {
    const pages = ['light-edit.txt', 'spun.txt'].map((f) => join(examples, f));
    const r = stemma(['query', ...pages, join(scratch, 'nope.txt'), '--index', idx]);
    // The page that cannot be read gets its own line; the others are answered.
    expect(r.code, r.stderr).toBe(3);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ error: { code: 'NO_DOCUMENTS' } });
    pages.forEach((page, i) => {
      const one = JSON.parse(stemma(['query', page, '--index', idx]).stdout) as Record<
        string,
        unknown
      >;
      const many = lines[i] ?? {};
      delete one['ms'];
      delete many['ms'];
      expect(many).toEqual(one);
    });
    const md = stemma(['query', ...pages, '--index', idx, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout.match(/^# Where /gm)).toHaveLength(2);
    const add = stemma(['query', ...pages, '--index', idx, '--add']);
    expect(add.code).toBe(2);
    expect(errLines(add.stderr)).toEqual([expect.stringMatching(/--add.*one page/)]);
  });

  it('query --stdin-paths answers each line as it comes, and sees what a writer commits meanwhile', async () => {
    const live = join(scratch, 'live.idx');
    cpSync(idx, live, { recursive: true });
    stemma(['index', 'remove', 'spun', '--index', live]);
    const child = spawn(process.execPath, [bin, 'query', '--stdin-paths', '--index', live], {
      cwd: root,
      env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1' },
    });
    let out = '';
    const waiting: (() => void)[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      waiting.splice(0).forEach((w) => w());
    });
    type Answer = { alreadyIndexed: string | null; candidates: { docId: string }[] };
    const answers = async (n: number) => {
      while (out.split('\n').length - 1 < n) await new Promise<void>((w) => waiting.push(w));
      return out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Answer);
    };
    const near = (a: Answer | undefined) => a?.candidates.map((c) => c.docId);
    const edit = join(examples, 'light-edit.txt');
    const spun = join(examples, 'spun.txt');
    child.stdin.write(`${edit}\n`);
    expect(near((await answers(1))[0])).not.toContain('spun');
    // A writer commits a new generation while the reader stays open: the
    // reader's next query searches the new vector file (spun shares no exact
    // paragraph with the light edit, only near ones).
    const added = stemma(['index', 'add', spun, '--index', live, '-q']);
    expect(added.code, added.stderr).toBe(0);
    child.stdin.end(`\n${edit}\n${spun}\n`);
    const [, again, self] = await answers(3);
    expect(near(again)).toContain('spun');
    expect(self?.alreadyIndexed).toBe('spun');
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
  });

  it('removes a page by id, and says which ids it does not know', () => {
    const copy = join(scratch, 'remove.idx');
    cpSync(idx, copy, { recursive: true });
    const r = stemma(['index', 'remove', 'spun', 'nope', '--index', copy]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/removed 1 page; not found: nope; generation 2/);
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(0);
    const none = stemma(['index', 'remove', 'nope', '--index', copy]);
    expect(none.code).toBe(2);
  });

  // The segment worker of one page spins for 10 minutes; the budget stops it.
  it('index add drops a page whose segmenting overruns --doc-timeout, with one warning, and stores the rest', () => {
    const target = join(scratch, 'timeout.idx');
    const r = stemma(
      ['index', 'add', examples, '--index', target, '--doc-timeout', '1', '--json'],
      { env: { STEMMA_TEST_STALL_SEGMENT: 'spun.txt:600000' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(errLines(r.stderr)).toContain(
      `stemma: warning: ${join(examples, 'spun.txt')}: segmenting took over 1 s; skipped (--doc-timeout)`,
    );
    const added = (JSON.parse(r.stdout) as { added: { id: string }[] }).added.map((a) => a.id);
    expect(added).not.toContain('spun');
    expect(added.length).toBeGreaterThan(0);
    expect(stemma(['index', 'verify', '--index', target]).code).toBe(0);
  });
});

describe('stemma index refuses what it cannot trust, in one line with exit code 5, and loses nothing', () => {
  const one = (args: string[]) => {
    const r = stemma(args);
    expect(r.code).toBe(5);
    expect(errLines(r.stderr)).toHaveLength(1);
    return r.stderr;
  };
  let idx: string;
  beforeAll(() => {
    idx = join(scratch, 'errors.idx');
    expect(stemma(['index', 'add', examples, '--index', idx, '-q']).code).toBe(0);
  });

  it('a foreign folder', () => {
    expect(one(['index', 'add', examples, '--index', examples])).toMatch(
      /examples: not a Stemma index \(no stemma\.db, and it holds other files such as .+\); pass the folder/,
    );
    expect(one(['index', 'stats', '--index', join(scratch, 'missing')])).toMatch(
      /no Stemma index here; create one with: stemma index add/,
    );
  });

  it('a corrupted vector file: named, with the repair command, which fixes it', () => {
    const copy = join(scratch, 'corrupt.idx');
    cpSync(idx, copy, { recursive: true });
    const file = join(copy, 'vectors-1.hnsw');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(file, bytes);
    expect(one(['query', join(examples, 'spun.txt'), '--index', copy])).toMatch(
      /vector file is damaged \(checksum mismatch\); rebuild it from the database with: stemma index repair --index /,
    );
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(5);
    expect(stemma(['index', 'repair', '--index', copy]).code).toBe(0);
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(0);
    expect(JSON.parse(stemma(['index', 'stats', '--index', copy, '--json']).stdout)).toMatchObject({
      documents: 6,
    });
  });

  it('a truncated database: every command refuses it and none writes to it', () => {
    const copy = join(scratch, 'truncated.idx');
    cpSync(idx, copy, { recursive: true });
    const db = join(copy, 'stemma.db');
    const half = Math.floor(statSync(db).size / 2);
    truncateSync(db, half);
    for (const args of [
      ['index', 'stats'],
      ['index', 'verify'],
      ['index', 'add', examples],
      ['analyze', '--quiet'],
    ])
      expect(one([...args, '--index', copy])).toMatch(
        /the index database is damaged \(.+\); restore .+stemma\.db from a backup/,
      );
    expect(statSync(db).size).toBe(half);
    expect(readdirSync(copy).filter((f) => f.startsWith('vectors-'))).toEqual(['vectors-1.hnsw']);
  });

  it('a second writer is told the pid that holds the lock', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(idx, 'lock'), `${holder.pid}\n`);
      expect(one(['index', 'add', examples, '--index', idx])).toBe(
        `stemma: index ${idx} is locked by pid ${holder.pid}; wait for that stemma to finish (remove ${idx}/lock only if no such process runs)\n`,
      );
      // Readers never wait for the writer.
      expect(stemma(['index', 'stats', '--index', idx]).code).toBe(0);
    } finally {
      holder.kill();
      rmSync(join(idx, 'lock'), { force: true });
    }
  });
});

describe('analyze --index on a generated corpus', () => {
  it('equals a one-shot analyze of the same pages, added at once or in two batches', () => {
    const corpus = join(scratch, 'gen');
    expect(
      stemma(['generate', '--out', corpus, '--families', '6', '--seed', '2', '--quiet']).code,
    ).toBe(0);
    const files = readdirSync(corpus)
      .sort()
      .map((f) => join(corpus, f));
    const half = Math.floor(files.length / 2);
    const whole = join(scratch, 'gen-whole.idx');
    const batches = join(scratch, 'gen-batches.idx');
    expect(stemma(['index', 'add', corpus, '--index', whole, '-q']).code).toBe(0);
    expect(stemma(['index', 'add', ...files.slice(0, half), '--index', batches, '-q']).code).toBe(
      0,
    );
    expect(stemma(['index', 'add', ...files.slice(half), '--index', batches, '-q']).code).toBe(0);
    const oneShot = stemma(['analyze', corpus, '--quiet']);
    expect(oneShot.code, oneShot.stderr).toBe(0);
    expect(JSON.parse(oneShot.stdout).relations.length).toBeGreaterThan(5);
    for (const idx of [whole, batches]) {
      const stored = stemma(['analyze', '--index', idx, '--quiet']);
      expect(stored.code, stored.stderr).toBe(0);
      expect(body(stored.stdout)).toBe(body(oneShot.stdout));
    }
  });
});
