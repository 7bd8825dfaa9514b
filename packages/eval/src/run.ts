/**
 * The runner: parses the command line, runs every registered set (skipping
 * those whose folder is missing), and hands back the results. `main.ts`
 * prints and writes them.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EvalSet, EvalSetResult } from './types.js';

export interface RunOptions {
  readonly evalDir: string;
  readonly only: readonly string[];
  readonly quick: boolean;
  readonly json: string | null;
  readonly errors: string | null;
  readonly help: boolean;
}

export const USAGE = `usage: npm run eval -- [options]
  --eval-dir DIR   folder of labelled sets (default: <repo>/../shared/eval)
  --only NAME      run only this set (repeatable, or comma-separated)
  --quick          fewer items per set, for iterating (not for the README)
  --json FILE      write every result as JSON
  --errors FILE    write the error analysis as Markdown
  --help           this text`;

/**
 * Parses the arguments after `main.js`.
 * @throws Error on an unknown option or a missing value.
 */
export function parseArgs(argv: readonly string[], defaultEvalDir: string): RunOptions {
  let evalDir = defaultEvalDir;
  const only: string[] = [];
  let quick = false;
  let json: string | null = null;
  let errors: string | null = null;
  let help = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++k];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--eval-dir':
        evalDir = path.resolve(value());
        break;
      case '--only':
        only.push(
          ...value()
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--quick':
        quick = true;
        break;
      case '--json':
        json = path.resolve(value());
        break;
      case '--errors':
        errors = path.resolve(value());
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  return { evalDir, only, quick, json, errors, help };
}

/**
 * Runs the chosen sets one after another, each with its own scratch folder
 * (removed afterwards). A set whose folder is missing is skipped with one
 * line; a set that throws is reported as skipped with its error, and the
 * others still run.
 * @throws Error when `--only` names no registered set.
 */
export async function runSets(
  sets: readonly EvalSet[],
  options: Pick<RunOptions, 'evalDir' | 'only' | 'quick'>,
  log: (line: string) => void,
): Promise<EvalSetResult[]> {
  const unknown = options.only.filter((n) => !sets.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(
      `no such set: ${unknown.join(', ')} (sets: ${sets.map((s) => s.name).join(', ')})`,
    );
  const chosen = options.only.length ? sets.filter((s) => options.only.includes(s.name)) : sets;
  const results: EvalSetResult[] = [];
  for (const set of chosen) {
    if (set.folder && !fs.existsSync(path.join(options.evalDir, set.folder))) {
      const why = `${path.join(options.evalDir, set.folder)} not found`;
      log(`${set.name}: skipped (${why})`);
      results.push({ set: set.name, skipped: why, tasks: [], notes: [], seconds: 0 });
      continue;
    }
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `stemma-eval-${set.name}-`));
    const t0 = performance.now();
    try {
      results.push(await set.run({ evalDir: options.evalDir, workDir, log, quick: options.quick }));
      log(`${set.name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      const why = `failed: ${err instanceof Error ? err.message : String(err)}`;
      log(`${set.name}: ${why}`);
      results.push({
        set: set.name,
        skipped: why,
        tasks: [],
        notes: [],
        seconds: (performance.now() - t0) / 1000,
      });
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }
  return results;
}
