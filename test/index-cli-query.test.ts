/**
 * `stemma query` against an index of the examples, run as users run it: one
 * page, several pages through one reader, and paths on stdin while a writer
 * commits.
 */
import { cpSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, root, scratchFolder, stemma } from './helpers.js';

const examples = join(root, 'examples');
const scratchDir = scratchFolder('stemma-index-');

const errLines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('stemma query on an index of the examples', () => {
  let idx: string;
  // The index every test here reads is built before them, so that a test run
  // alone (`-t query`) still finds it.
  beforeAll(() => {
    idx = join(scratchDir(), 'examples.idx');
    expect(stemma(['index', 'add', examples, '--index', idx, '--quiet']).code).toBe(0);
  });

  it('query: the light edit derives from the original; the original has children; nothing is added', () => {
    const small = join(scratchDir(), 'small.idx');
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
        extent?: string;
      }[];
      candidates: { docId: string; exactParagraphs: number }[];
      added: boolean;
    };
    expect(r.parents[0]).toMatchObject({ story: 'original#1', kind: 'edited' });
    expect(r.parents[0]?.evidence.length).toBeGreaterThan(0);
    // A light edit of the whole original: its text comes from it.
    expect(r.parents[0]).toMatchObject({ extent: 'wholly', pWholly: expect.any(Number) });
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
    expect(md.stdout).toMatch(/\| (wholly|partially) \(p [01]\.\d\d\) \|/);
    expect(md.stdout).toMatch(/\| 1 \| \S+#\d+ \S[^|]* — /); // rows name the story by its label

    const add = stemma(['query', join(examples, 'spun.txt'), '--index', small, '--add']);
    expect(JSON.parse(add.stdout)).toMatchObject({ added: true });
    expect(JSON.parse(stemma(['index', 'stats', '--index', small, '--json']).stdout)).toMatchObject(
      { documents: 3 },
    );
  });

  it('query of several pages: one reader, one JSON line each, the answers of one-page queries', () => {
    const pages = ['light-edit.txt', 'spun.txt'].map((f) => join(examples, f));
    const r = stemma(['query', ...pages, join(scratchDir(), 'nope.txt'), '--index', idx]);
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
    const live = join(scratchDir(), 'live.idx');
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
});
