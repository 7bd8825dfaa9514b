/**
 * Once before every test file: builds the word-vector cache (and its
 * all-but-the-top correction beside it) when this machine has none, as the
 * first `stemma` run on a fresh machine does. Building it costs some 8 s and
 * 1.1 GB once (the wink JSON parsed whole); without this, whichever tests
 * came first paid it, several at once, and the memory budgets of the hostile
 * inputs (packages/bench/src/hostile.test.ts) measured the cache, not the
 * input. Runs the built core in a child process, so the runner's own memory
 * stays its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Two pages sharing their text: the pipeline embeds, so it loads the encoder. */
const WARM = (dir: string, core: string) => `
import { loadGloveTable, runPipeline } from ${JSON.stringify(core)};
// Loading a built cache takes a fraction of a second: the pipeline runs only
// when it was missing, to build the correction beside it too.
if (loadGloveTable().status !== 'loaded') await runPipeline([${JSON.stringify(join(dir, 'pages'))}]);
`;

export default function setup(): void {
  // The core is built by `npm test` (turbo) before vitest starts; a bare
  // `npx vitest` without a build leaves the cache to the first test.
  if (!existsSync(`${root}packages/core/dist/index.js`)) return;
  const dir = mkdtempSync(join(tmpdir(), 'stemma-warm-'));
  try {
    const pages = join(dir, 'pages');
    mkdirSync(pages);
    const text =
      'The council voted on Tuesday to close the old bridge.\n\nRepairs will take a year.\n';
    writeFileSync(join(pages, 'a.txt'), text);
    writeFileSync(join(pages, 'b.txt'), text);
    const script = join(dir, 'warm.mjs');
    writeFileSync(script, WARM(dir, pathToFileURL(`${root}packages/core/dist/index.js`).href));
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`warming the word-vector cache failed: ${r.stderr.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
