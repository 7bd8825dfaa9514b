import { defineConfig } from 'vitest/config';

// One vitest run over every package: co-located *.test.ts next to each stage,
// and the cross-package end-to-end tests in test/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
