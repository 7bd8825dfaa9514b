#!/usr/bin/env node
// The `stemma` command npm links. It is committed (mode 755) rather than
// pointing "bin" at dist/: npm links a workspace's bin only when the file
// exists at install time, and a build restored from turbo's cache loses the
// execute bit. This file needs neither; it only starts the built CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    `stemma: the CLI is not built (${fileURLToPath(entry)} is missing); run \`npm run build\` first\n`,
  );
  process.exit(1);
}
await import(entry.href);
