import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-atomic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stemma-atomic-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file with the whole content and leaves no temp file', async () => {
    const file = join(dir, 'report.md');
    await writeFileAtomic(file, '# Report\n'.repeat(10_000));
    expect(readFileSync(file, 'utf8')).toBe('# Report\n'.repeat(10_000));
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fails on a missing folder without creating anything', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'x.json'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when the target is a folder, removing its temp file and the folder intact', async () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['out']);
    expect(statSync(target).isDirectory()).toBe(true);
  });
});
