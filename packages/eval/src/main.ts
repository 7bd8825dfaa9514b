#!/usr/bin/env node
/**
 * `npm run eval`: runs every registered set through @stemma/core's public
 * API, prints one table, and writes JSON (`--json`) and the error analysis
 * (`--errors`) when asked. Progress goes to stderr, the table to stdout.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript } from './args.js';
import { renderErrors } from './errors.js';
import { sets } from './registry.js';
import { parseArgs, runSets, USAGE } from './run.js';
import { renderTable } from './table.js';

// packages/eval/dist/main.js → the repository root is three levels up.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function main(): Promise<number> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), path.resolve(repo, '..', 'shared', 'eval'));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const t0 = performance.now();
  const log = (line: string) => console.error(`[eval] ${line}`);
  const results = await runSets(sets, options, log);
  const seconds = (performance.now() - t0) / 1000;
  const command =
    `npm run eval --${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`.replace(
      / --$/,
      '',
    );
  if (options.json) {
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(
      options.json,
      `${JSON.stringify({ command, seconds, quick: options.quick, results }, null, 2)}\n`,
    );
    log(`wrote ${options.json}`);
  }
  if (options.errors) {
    fs.mkdirSync(path.dirname(options.errors), { recursive: true });
    fs.writeFileSync(options.errors, `${renderErrors(results, { command })}\n`);
    log(`wrote ${options.errors}`);
  }
  console.log(renderTable(results));
  console.log(`wall time ${seconds.toFixed(1)} s${options.quick ? ' (--quick)' : ''}`);
  return 0;
}

runScript(main);
