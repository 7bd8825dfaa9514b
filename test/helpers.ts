/**
 * Shared helpers of the end-to-end tests: the built binary, spawned as users
 * run it. `npm test` builds first (turbo); a bare `npx vitest run test/…`
 * builds here when the binary is missing or older than its sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bin.js');

/** The newest modification time of the TypeScript sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Is the binary missing, or older than a source it is built from? */
function stale(): boolean {
  if (!existsSync(bin)) return true;
  const sources = ['packages/core/src', 'packages/generate/src', 'packages/cli/src'];
  return statSync(bin).mtimeMs < Math.max(...sources.map((d) => newestSource(join(root, d))));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the CLI (and what it depends on) when its binary is missing or older
 * than its sources. Test files run in parallel forks, so the build holds a
 * lock file: one fork builds, the others wait for it and find it fresh. A lock
 * older than five minutes was left by a killed run and is taken over.
 */
export function ensureBuilt(): void {
  if (!stale()) return;
  const lockDir = join(root, 'node_modules/.cache');
  const lock = join(lockDir, 'stemma-test-build.lock');
  mkdirSync(lockDir, { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - held > 300_000) rmSync(lock, { force: true });
      else sleep(500);
    }
  }
  try {
    if (!stale()) return;
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'],
        {
          cwd: root,
          stdio: 'pipe',
        },
      );
    } catch (error) {
      // tsc -b still emits when another package has type errors; only a missing binary is fatal here.
      if (!existsSync(bin))
        throw new Error(
          `building the CLI failed:\n${String((error as { stdout?: unknown }).stdout ?? error)}`,
        );
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Builds the CLI when needed and gives the file a scratch folder, made
 * before its tests and removed after them: call at the top level, read the
 * returned function inside tests.
 */
export function scratchFolder(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error('scratchFolder: read inside a test');
    return dir;
  };
}

/** Text as lines, without the trailing newline's empty line. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `stemma …` with piped stdio (no TTY, so no progress bar), in the
 * project root unless `cwd` says, with `env` added to the environment.
 */
export function stemma(
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, STEMMA_DEBUG: '', NO_COLOR: '1', ...options.env },
    timeout: 110_000,
    maxBuffer: 64 * 2 ** 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
