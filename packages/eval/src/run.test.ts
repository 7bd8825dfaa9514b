import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, runSets } from './run.js';
import { renderTable } from './table.js';
import type { EvalSet } from './types.js';

describe('parseArgs', () => {
  it('reads every option', () => {
    const o = parseArgs(
      [
        '--quick',
        '--only',
        'a,b',
        '--only=c',
        '--json',
        'out.json',
        '--errors',
        'e.md',
        '--eval-dir',
        '/x',
      ],
      '/d',
    );
    expect(o).toMatchObject({ quick: true, only: ['a', 'b', 'c'], evalDir: '/x' });
    expect(o.json).toBe(path.resolve('out.json'));
    expect(parseArgs([], '/d')).toMatchObject({
      evalDir: '/d',
      only: [],
      quick: false,
      json: null,
      errors: null,
    });
  });
  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], '/d')).toThrow(/unknown option/);
    expect(() => parseArgs(['--json'], '/d')).toThrow(/needs a value/);
  });
});

describe('runSets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-run-'));
  fs.mkdirSync(path.join(dir, 'here'));
  const ok: EvalSet = {
    name: 'ok',
    folder: 'here',
    run: async (ctx) => {
      expect(fs.existsSync(ctx.workDir)).toBe(true);
      return {
        set: 'ok',
        tasks: [{ name: 't', n: 2, accuracy: 1, target: { text: 'accuracy ≥ 90%', met: true } }],
        notes: [],
        seconds: 0,
      };
    },
  };
  const missing: EvalSet = {
    name: 'missing',
    folder: 'absent',
    run: () => Promise.reject(new Error('must not run')),
  };
  const broken: EvalSet = { name: 'broken', run: () => Promise.reject(new Error('boom')) };

  it('skips a set whose folder is missing with one line, and reports a failing set', async () => {
    const lines: string[] = [];
    const res = await runSets([ok, missing, broken], { evalDir: dir, only: [], quick: true }, (l) =>
      lines.push(l),
    );
    expect(res.map((r) => r.skipped ?? 'ran')).toEqual([
      'ran',
      `${path.join(dir, 'absent')} not found`,
      'failed: boom',
    ]);
    expect(lines.filter((l) => l.startsWith('missing'))).toHaveLength(1);
    const table = renderTable(res);
    expect(table).toContain('MET');
    expect(table).toContain('skipped:');
    expect(table).toContain('targets met: 1 of 1');
  });

  it('--only picks sets and rejects unknown names', async () => {
    const res = await runSets([ok, broken], { evalDir: dir, only: ['ok'], quick: false }, () => {});
    expect(res.map((r) => r.set)).toEqual(['ok']);
    await expect(
      runSets([ok], { evalDir: dir, only: ['zzz'], quick: false }, () => {}),
    ).rejects.toThrow(/no such set/);
  });
});
