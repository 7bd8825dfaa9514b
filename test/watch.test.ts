/**
 * `stemma watch`, run as users run it: the built binary watching a folder
 * while pages land in it, then stopped with SIGTERM; and `--once`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchRelationLine } from '@stemma/cli';
import { bin, ensureBuilt, root, type Run } from './helpers.js';

const examples = join(root, 'examples');
let scratch: string;

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'stemma-watch-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const relations = (stdout: string): WatchRelationLine[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as WatchRelationLine);

/** The CLI started without blocking, its output gathered as it arrives. */
function start(args: readonly string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1' },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out.stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out.stderr += s));
  return { child, out };
}

/** `stemma …` without blocking: the two tests run side by side (the machine is slow, not busy). */
function stemma(args: readonly string[]): Promise<Run> {
  const { child, out } = start(args);
  return new Promise((done) => child.on('close', (code) => done({ code, ...out })));
}

/** Resolves when `test` holds, checked as output arrives; rejects after `ms`. */
function until(test: () => boolean, ms: number, what: () => string): Promise<void> {
  return new Promise((done, fail) => {
    const t0 = Date.now();
    const tick = setInterval(() => {
      if (test()) {
        clearInterval(tick);
        done();
      } else if (Date.now() - t0 > ms) {
        clearInterval(tick);
        fail(new Error(`timed out after ${ms} ms waiting for ${what()}`));
      }
    }, 50);
  });
}

describe.concurrent('stemma watch', () => {
  it('adds a page as it lands, prints its relation, holds the lock, and stops cleanly on SIGTERM', async () => {
    const dir = join(scratch, 'inbox');
    const idx = join(scratch, 'live.idx');
    mkdirSync(dir);
    copyFileSync(join(examples, 'original.txt'), join(dir, 'original.txt'));
    const { child, out } = start(['watch', dir, '--index', idx]);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await until(
        () => /; ready$/m.test(out.stderr),
        60_000,
        () => `the ready line; stderr: ${out.stderr}`,
      );
      expect(out.stderr).toContain('1 page added at start');

      // Another writer meets the lock the watch holds.
      const second = await stemma(['index', 'remove', 'nothing', '--index', idx]);
      expect(second.code).toBe(5);
      expect(second.stderr).toContain(`is locked by pid ${child.pid}`);

      copyFileSync(join(examples, 'light-edit.txt'), join(dir, 'light-edit.txt'));
      await until(
        () => relations(out.stdout).some((r) => r.doc === 'light-edit'),
        60_000,
        () => `a relation of light-edit; stdout: ${out.stdout} stderr: ${out.stderr}`,
      );
      const [line] = relations(out.stdout);
      expect(line).toMatchObject({
        type: 'relation',
        parent: 'original#1',
        child: 'light-edit#1',
        direction: 'parent',
        doc: 'light-edit',
        otherDoc: 'original',
        kind: 'edited',
      });
      expect(line?.probability).toBeGreaterThan(0.5);
      expect(Number.isNaN(Date.parse(line?.at ?? ''))).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, out.stderr).toBe(0);
    expect(out.stderr).toContain('stemma watch: stopped');
    const verify = await stemma(['index', 'verify', '--index', idx]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('ok (generation 2');
  }, 60_000);

  it('--once adds what the folder holds, prints each relation once, and exits', async () => {
    const dir = join(scratch, 'batch');
    const idx = join(scratch, 'once.idx');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    copyFileSync(join(examples, 'original.txt'), join(dir, 'original.txt'));
    copyFileSync(join(examples, 'light-edit.txt'), join(dir, 'sub', 'light-edit.txt'));
    const first = await stemma(['watch', dir, '--index', idx, '--once']);
    expect(first.code, first.stderr).toBe(0);
    // Both pages are new: the relation is found from each end but printed once.
    const lines = relations(first.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ parent: 'original#1', child: 'light-edit#1' });
    expect(first.stderr).toContain('2 pages added; generation 1');

    const again = await stemma(['watch', dir, '--index', idx, '--once', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('');
  }, 60_000);
});
