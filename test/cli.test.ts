/**
 * End-to-end tests of the built `stemma` binary (packages/cli/dist/bin.js),
 * spawned as users run it: help, flags, usage and input errors, --out. The
 * pipeline's outputs are in cli-analyze.test.ts, hard inputs in
 * cli-inputs.test.ts, `stemma generate` in cli-generate.test.ts (split so
 * that vitest's two forks share the work). `npm test` builds everything first
 * (turbo); a bare `npx vitest run test/cli.test.ts` builds here when dist is
 * missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, lines, root, scratchFolder, stemma } from './helpers.js';

const corpus = join(root, 'test/fixtures/corpus');
const run = stemma;
const cliPackage = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {
  version: string;
};

const scratchDir = scratchFolder('stemma-cli-');

describe('stemma CLI', () => {
  it('is an executable script with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help with commands, examples and the exit-code table', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: stemma');
    // Paths are optional only because `--index DIR` stands in for them.
    expect(r.stdout).toMatch(/analyze \[options\] \[paths\.\.\.\]/);
    expect(r.stdout).toMatch(/index +keep a corpus on disk/);
    expect(r.stdout).toMatch(/query \[options\] \[pages\.\.\.\]/);
    expect(r.stdout).toMatch(/tui \[options\] \[paths\.\.\.\]/);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*2 +usage[\s\S]*3 +input[\s\S]*4 +model/);
    expect(r.stderr).toBe('');
  });

  it('prints analyze help with its options and formats', () => {
    const r = run(['analyze', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--format', '--out', '--backend', '--model', '--cache-dir', '--quiet'])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('"json", "md", "html", "dot"');
  });

  it('prints the version from package.json', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(cliPackage.version);
  });

  it('exits 2 with one line on an unknown flag', () => {
    const r = run(['analyze', corpus, '--frobnicate']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(["stemma: unknown option '--frobnicate'"]);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with one line on a bad --format value', () => {
    const r = run(['analyze', corpus, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^stemma: .*'xml' is invalid.*json, md, html, dot/);
  });

  it('exits 2 with one line on an unknown command or missing paths', () => {
    const unknown = run(['frob']);
    expect(unknown.code).toBe(2);
    expect(lines(unknown.stderr)).toEqual(["stemma: unknown command 'frob'"]);
    const missing = run(['analyze']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual(["stemma: missing required argument 'paths'"]);
  });

  it('exits 3 with one line naming a nonexistent path', () => {
    const path = join(scratchDir(), 'no-such-folder');
    const r = run(['analyze', path]);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([`stemma: ${path}: no such file or folder; check the path`]);
    expect(r.stdout).toBe('');
  });

  it('strips escape sequences from error messages', () => {
    const r = run(['analyze', join(scratchDir(), 'evil\u001B[2J\u001B]0;pwned\u0007name')]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(r.stderr).not.toContain('pwned');
    expect(lines(r.stderr)).toHaveLength(1);
  });

  it('exits 6 before analysing when the --out folder does not exist', () => {
    const r = run(['analyze', corpus, '--out', join(scratchDir(), 'missing/dir/report.json')]);
    expect(r.code).toBe(6);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^stemma: cannot write .*report\.json: folder .* does not exist$/),
    ]);
  });

  it('exits 6 before analysing when --out is a device, a FIFO, a folder or a symlink to one', () => {
    const dir = mkdtempSync(join(scratchDir(), 'special-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/proc/self/fd/1', join(dir, 'to-stdout'));
    symlinkSync('/dev/null', join(dir, 'to-null'));
    for (const out of [
      '/dev/null',
      '/dev/stdout',
      fifo,
      dir,
      join(dir, 'to-stdout'),
      join(dir, 'to-null'),
    ]) {
      // A missing input would exit 3: exit 6 shows --out was refused first, before any reading.
      const r = run(['analyze', join(scratchDir(), 'no-such-input'), '--out', out]);
      expect(r.code, `${out}: ${r.stderr}`).toBe(6);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          /^stemma: cannot write .*: it is (a|a symlink to) .*(regular file or a new name|folder)/,
        ),
      ]);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('leaves an existing --out file untouched when the run fails', () => {
    const dir = mkdtempSync(join(scratchDir(), 'out-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous report');
    const r = run(['analyze', join(scratchDir(), 'no-such-input'), '--out', out]);
    expect(r.code).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('tui exits 3 on a nonexistent path and 2 without a terminal', () => {
    const missing = run(['tui', join(scratchDir(), 'nothing-here')]);
    expect(missing.code).toBe(3);
    expect(lines(missing.stderr)).toHaveLength(1);
    const noTty = run(['tui', corpus]);
    expect(noTty.code).toBe(2);
    expect(lines(noTty.stderr)).toEqual([
      'stemma: tui needs an interactive terminal; for pipes and files use: stemma analyze',
    ]);
    // An index instead of paths: one or the other, in one line with the fix.
    const both = run(['tui', corpus, '--index', join(scratchDir(), 'idx')]);
    expect(both.code).toBe(2);
    expect(lines(both.stderr)).toEqual([
      `stemma: give paths or --index ${join(scratchDir(), 'idx')}, not both (add the paths with: stemma index add <paths…> --index ${join(scratchDir(), 'idx')})`,
    ]);
    expect(run(['tui']).code).toBe(2);
  });
});
