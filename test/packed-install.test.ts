/**
 * Acceptance: the packages work when installed from their tarballs, not only
 * inside the workspace. Builds, packs core, tui, generate and cli, installs
 * the four tarballs into an empty folder (third-party dependencies from the
 * registry), and runs that install's `stemma generate` and `stemma analyze`.
 * Catches what a workspace hides: files missing from a package's `files`
 * (core's models/ and schema/, the generator's articles/), paths that reach
 * outside a package, and dependencies declared in the wrong package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const PACKAGES = ['core', 'tui', 'generate', 'cli'];

// The outer `npm test` leaves npm_* variables (workspace, lifecycle) that must not steer the inner npm.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
);

function sh(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 2 ** 20,
  });
}

let work: string;
let stemma: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'stemma-packed-'));
  sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'], root);
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  sh(
    'npm',
    ['pack', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])],
    root,
  );
  const app = join(work, 'app');
  mkdirSync(app);
  // Like the repository's root package.json: hnswlib-node and better-sqlite3 build their native addons.
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'app',
      private: true,
      allowScripts: { 'hnswlib-node': true, 'better-sqlite3': true, 'core-js': false },
    }),
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  expect(files).toHaveLength(PACKAGES.length);
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files], app);
  stemma = join(app, 'node_modules/.bin/stemma');
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('installed from packed tarballs', () => {
  it('generates a corpus and analyses it', () => {
    expect(existsSync(stemma)).toBe(true);
    const corpus = join(work, 'synth');
    sh(stemma, ['generate', '--out', corpus, '--families', '4', '--seed', '3', '--quiet'], work);
    const documents = readdirSync(corpus);
    expect(documents.length).toBeGreaterThan(4);
    expect(existsSync(`${corpus}.truth.json`)).toBe(true);
    const report = JSON.parse(sh(stemma, ['analyze', corpus, '--format', 'json'], work)) as {
      documents: unknown[];
      relations: unknown[];
    };
    expect(report.documents).toHaveLength(documents.length);
    expect(report.relations.length).toBeGreaterThan(0);
    // The index's native SQLite binding is installed too.
    const idx = join(work, 'synth.idx');
    sh(stemma, ['index', 'add', corpus, '--index', idx, '--quiet'], work);
    expect(sh(stemma, ['index', 'verify', '--index', idx], work)).toMatch(/: ok \(generation 1/);
  }, 180_000);
});
