import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  lstatSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveOutputTarget, writeFileAtomic } from './write-atomic.js';

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
    await expect(writeFileAtomic(join(dir, 'nope', 'x.json'), 'x')).rejects.toThrow(
      /folder .* does not exist/,
    );
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

describe('resolveOutputTarget', () => {
  it('accepts a new name and a regular file', async () => {
    writeFileSync(join(dir, 'old.json'), 'x');
    await expect(resolveOutputTarget(join(dir, 'new.json'))).resolves.toBe(join(dir, 'new.json'));
    await expect(resolveOutputTarget(join(dir, 'old.json'))).resolves.toBe(join(dir, 'old.json'));
  });

  it.each([
    ['a character device', '/dev/null', /it is a character device/],
    ['a folder', '.', /it is a folder/],
  ])('refuses %s', async (_name, path, message) => {
    await expect(resolveOutputTarget(path === '.' ? dir : path)).rejects.toThrow(message);
  });

  it('refuses a FIFO, and writeFileAtomic leaves it a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(resolveOutputTarget(fifo)).rejects.toThrow(/it is a FIFO/);
    await expect(writeFileAtomic(fifo, 'x')).rejects.toThrow(/FIFO/);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('refuses symlinks to a device, to /proc/self/fd/1 and to nothing', async () => {
    symlinkSync('/dev/null', join(dir, 'null'));
    symlinkSync('/proc/self/fd/1', join(dir, 'stdout'));
    symlinkSync(join(dir, 'missing', 'x'), join(dir, 'dangling'));
    await expect(resolveOutputTarget(join(dir, 'null'))).rejects.toThrow(
      /symlink to a character device/,
    );
    await expect(resolveOutputTarget(join(dir, 'stdout'))).rejects.toThrow(/symlink to/);
    await expect(resolveOutputTarget(join(dir, 'dangling'))).rejects.toThrow(/symlink to nothing/);
  });

  it('writes through a symlink to a regular file, keeping the link', async () => {
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    await writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
  });
});
