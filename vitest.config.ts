import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One vitest run over every package: co-located *.test.ts next to each stage,
// and the cross-package end-to-end tests in test/ (a workspace that depends
// on @stemma/core and @stemma/cli and imports only their roots). The alias
// points `@stemma/core` at its source for every test: no build needed to run
// them, and one copy of core in the run. A custom export condition would do
// the same but would put a src/ entry into core's published "exports". The
// end-to-end tests still run the built binary.
export default defineConfig({
  resolve: {
    alias: {
      '@stemma/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
