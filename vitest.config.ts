import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/sequencer.js';

// One vitest run over every package: co-located *.test.ts next to each stage,
// and the cross-package end-to-end tests in test/ (a workspace that depends
// on the packages and imports only their roots). The aliases point
// `@stemma/core` (and its light `sanitize` and `stages` entries) and `@stemma/generate` at
// their sources for every test: no build needed to run them, and one copy of
// each in the run. A custom export condition would do the same but would put
// a src/ entry into the published "exports". The end-to-end tests still run
// the built binary.
/**
 * Package tests that need modules of their own: they mock modules
 * (`vi.mock`), start from an uninitialised TF.js backend, or render with Ink
 * (which keeps terminal state between renders). Run with the others in one
 * module graph, they failed.
 */
/**
 * Files whose tests hold a run to a CPU-time budget: they run after all the
 * others, one at a time. Beside another fork's work on a 2-core machine a
 * child's CPU time grows by a third (the content farm's 23.5 s idle was
 * 32.0 s in one CI run), so the budget measured the neighbours.
 */
const ALONE = ['packages/bench/src/hostile.test.ts'];

const OWN_MODULES = [
  'packages/core/src/ann/candidates.test.ts',
  'packages/core/src/relate/relate-input.test.ts',
  'packages/core/src/embed/backend.test.ts',
];

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@stemma\/core$/,
        replacement: fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      },
      {
        find: /^@stemma\/core\/sanitize$/,
        replacement: fileURLToPath(
          new URL('./packages/core/src/text/sanitize.ts', import.meta.url),
        ),
      },
      {
        find: /^@stemma\/core\/stages$/,
        replacement: fileURLToPath(new URL('./packages/core/src/stages.ts', import.meta.url)),
      },
      {
        find: /^@stemma\/generate$/,
        replacement: fileURLToPath(new URL('./packages/generate/src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    testTimeout: 120_000,
    // Builds the word-vector cache once, before any test runs.
    globalSetup: ['./test/global-setup.ts'],
    hookTimeout: 300_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on the 2-core
    // machines this runs on. Most of the slow files wait on the CLI processes
    // they spawn, so two forks keep both cores busy.
    maxWorkers: 2,
    // The slowest files first, so neither fork is left with one long file
    // at the end (see test/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/{core,cli,eval,generate,bench}/src/**/*.test.ts'],
          exclude: [...OWN_MODULES, ...ALONE],
          // Each isolated file imported core and TF.js again: 80 s of the
          // 128 s the package tests took (`npx vitest run packages`); in one
          // module graph per fork they took 75 s. These files keep no state
          // between them.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['packages/tui/src/**/*.test.{ts,tsx}', ...OWN_MODULES],
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
