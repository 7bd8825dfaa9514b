/**
 * Shared helpers of the end-to-end tests: the built binary, spawned as users
 * run it. `npm test` builds first (turbo); a bare `npx vitest run test/…`
 * builds here when the binary is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bin.js');

/** Builds the CLI (and what it depends on) when its binary is missing. */
export function ensureBuilt(): void {
  if (!existsSync(bin))
    execFileSync('npx', ['tsc', '-b', 'packages/cli'], { cwd: root, stdio: 'inherit' });
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
