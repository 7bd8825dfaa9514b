import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/** Another package's files are its own: import its public entry (package.json exports). */
const packageEntries = {
  group: [
    '@stemma/*/*',
    '!@stemma/core/sanitize',
    '!@stemma/core/stages',
    '!@stemma/core/store',
    '!@stemma/core/schema.json',
    '!@stemma/tui/testing',
    '**/packages/*/src/**',
  ],
  message: 'Import a Stemma package through its public entry (package.json exports).',
};

/** Another stage's files are its own: import its index.js. */
const stageEntries = {
  group: ['../*/*', '!../*/index.js', '!../text/*', '!../util/*'],
  message: "Import another stage through its index.js; its other files are the stage's own.",
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Stripping terminal control sequences from web text means matching control characters.
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Regexes run over page text, which a hostile page controls: none may
    // backtrack super-linearly (issue 9; a 20 000-character run stalled a run).
    // The generator's patterns read its own articles, not pages from the web.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['packages/generate/**', '**/*.test.ts', '**/*.test.tsx'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    // Type-aware rules on the packages' sources; tests (outside the
    // packages' tsconfig projects) get the syntactic rules only.
    files: ['packages/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-d.ts', '**/test-*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Packages use each other through their public entries only.
    files: ['packages/*/src/**/*.{ts,tsx}', 'packages/*/test/**/*.{ts,tsx}', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [packageEntries] }] },
  },
  {
    // Core returns data and emits events; it never prints (the benchmark, which does, is packages/bench).
    // Its stages talk through their entries: a stage imports another stage's
    // index.ts (or the shared text/ and util/ helpers), never its files.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: [packageEntries, stageEntries] }],
    },
  },
);
