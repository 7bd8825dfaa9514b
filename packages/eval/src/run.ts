/**
 * The runner: parses the command line, runs every registered set (skipping
 * those whose folder is missing), and hands back the results. `main.ts`
 * prints and writes them.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOptions } from './args.js';
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
  const v = readOptions(
    argv,
    {
      'eval-dir': { type: 'string' },
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      json: { type: 'string' },
      errors: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  const only = (v.only ?? []).flatMap((o) =>
    o
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return {
    evalDir: v['eval-dir'] === undefined ? defaultEvalDir : path.resolve(v['eval-dir']),
    only,
    quick: v.quick === true,
    json: v.json === undefined ? null : path.resolve(v.json),
    errors: v.errors === undefined ? null : path.resolve(v.errors),
    help: v.help === true,
  };
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
  return markInSample(results);
}

/**
 * The sets whose pairs are in the shipped derivation model's training
 * mixture (derivation-data.ts), the headline task the model's verdict
 * decides, and the derivation-model set's held-out task for the same data.
 */
const IN_SAMPLE: Readonly<Record<string, { readonly task: string; readonly heldOut: string }>> = {
  'clough-stevenson': {
    task: 'derived vs non',
    heldOut: 'Clough derived vs non, leave one task out',
  },
  'multilingual-reuse': {
    task: 'derived vs not',
    heldOut: 'reuse derived vs not, leave one language out',
  },
  'semeval2022-task8': {
    task: 'derivation edges within a pair',
    heldOut: 'SemEval same-event pairs linked, held-out halves',
  },
};

/**
 * The fitted derivation model decides whether a pair is derived, and was
 * fitted on these sets' pairs: their headline rows are in sample. Each gets
 * a note saying so and, when the derivation-model set ran, that set's
 * held-out figures for the same data beside it (item-level accuracy on
 * held-out folds; for SemEval the share of candidate pairs linked).
 */
export function markInSample(results: readonly EvalSetResult[]): EvalSetResult[] {
  const dm = results.find((r) => r.set === 'derivation-model' && !r.skipped);
  return results.map((r) => {
    const which = IN_SAMPLE[r.set];
    if (!which || r.skipped) return r;
    const held = dm?.tasks.find((t) => t.name === which.heldOut);
    const figures: Record<string, number> = {};
    if (held?.accuracy !== undefined) {
      figures['held out (derivation-model set, folds)'] = held.accuracy;
      const inS = held.figures?.['accuracy in sample (fit on all)'];
      if (inS !== undefined) figures['same folds, in sample'] = inS;
    } else if (held?.figures) {
      for (const [k, v] of Object.entries(held.figures))
        if (k.startsWith('share linked'))
          figures[`candidate pairs ${k} (derivation-model set)`] = v;
    }
    const note = `in sample: the shipped derivation model, which decides "${which.task}", was fitted on this set's pairs; ${
      held
        ? `held-out figures from the derivation-model set (${which.heldOut}) are beside it`
        : 'run the derivation-model set for its held-out figures'
    }`;
    return {
      ...r,
      notes: [...r.notes, note],
      tasks: r.tasks.map((t) =>
        t.name === which.task ? { ...t, figures: { ...(t.figures ?? {}), ...figures } } : t,
      ),
    };
  });
}
