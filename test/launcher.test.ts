/**
 * The `stemma` command npm links (packages/cli/bin/stemma.js), run the way
 * the README tells a newcomer to: `npx --no-install stemma` from the repo
 * root. The launcher is committed and executable, so the link exists right
 * after `npm ci`, before any build, and survives a build restored from cache.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './helpers.js';

const cliDir = join(root, 'packages/cli');
const cliPackage = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  files: string[];
};
const launcher = join(cliDir, cliPackage.bin['stemma'] ?? 'missing');

describe('the stemma launcher', () => {
  beforeAll(() => ensureBuilt());

  it('is what "bin" names, shipped in "files", executable, with a node shebang', () => {
    expect(cliPackage.bin).toEqual({ stemma: './bin/stemma.js' });
    expect(cliPackage.files).toContain('bin');
    expect(statSync(launcher).mode & 0o111).toBe(0o111);
    expect(readFileSync(launcher, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('is how the READMEs run stemma: npx --no-install, never plain npx', () => {
    for (const readme of ['README.md', 'packages/cli/README.md', 'examples/README.md']) {
      const text = readFileSync(join(root, readme), 'utf8');
      expect(text, readme).not.toMatch(/npx (?!--no-install )stemma/);
    }
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('npx --no-install stemma ');
  });

  it('prints the version of @stemma/cli through npx --no-install stemma --version', () => {
    const r = spawnSync('npx', ['--no-install', 'stemma', '--version'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(cliPackage.version);
  });

  it('asks for npm run build, in one line, when the CLI is not built', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'stemma-launcher-'));
    try {
      mkdirSync(join(scratch, 'bin'));
      copyFileSync(launcher, join(scratch, 'bin/stemma.js'));
      const r = spawnSync(process.execPath, [join(scratch, 'bin/stemma.js'), '--version'], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^stemma: the CLI is not built \(.*dist[/\\]bin\.js is missing\); run `npm run build` first\n$/,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
