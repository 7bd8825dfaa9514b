import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest run over every package: co-located *.test.ts next to each stage,
// and the cross-package end-to-end tests in test/ (a workspace that depends
// on the packages and imports only their roots). The aliases point
// `@stemma/core` (and its light `sanitize` and `stages` entries) and `@stemma/generate` at
// their sources for every test: no build needed to run them, and one copy of
// each in the run. A custom export condition would do the same but would put
// a src/ entry into the published "exports". The end-to-end tests still run
// the built binary.
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
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on the 2-core
    // machines this runs on. Most of the slow files wait on the CLI processes
    // they spawn, so two forks keep both cores busy.
    maxWorkers: 2,
  },
});
