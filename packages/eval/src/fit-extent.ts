#!/usr/bin/env node
/**
 * `npm run fit:extent -w @stemma/eval`: fits the extent model (P that a
 * derived copy is wholly, not partially, derived; core classify/extent.ts)
 * on generated reuse pairs (extent-data.ts: training seeds, all seven
 * languages) and writes packages/core/models/extent-lr.json with a header
 * saying what it was fitted on, how, and its leave-one-language-out figures
 * on the training pairs.
 *
 *   node packages/eval/dist/fit-extent.js [--eval-dir DIR] [--out FILE]
 *
 * Deterministic: fixed seeds, weights from zero, full-batch Adam on the cpu backend.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultExtentModelPath } from '@stemma/core';
import { readScriptOptions, runScript } from './args.js';
import { reliability } from './derivation-fit.js';
import {
  EXTENT_FIT,
  EXTENT_TRAIN_SEEDS,
  extentTrainingRows,
  fitExtent,
  pWhollyOf,
} from './extent-data.js';
import { REUSE_SEED } from './sets/multilingual-reuse.js';

const COMMAND = 'npm run fit:extent -w @stemma/eval';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `usage: node packages/eval/dist/fit-extent.js [options]
  --eval-dir DIR   folder of labelled sets (default: <repo>/../shared/eval)
  --out FILE       weights file to write (default: core's models/extent-lr.json)`;

async function main(): Promise<number> {
  const args = readScriptOptions(
    process.argv.slice(2),
    { 'eval-dir': { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  if (!args) return 2;
  const evalDir = args['eval-dir'] ?? path.resolve(repo, '..', 'shared', 'eval');
  const out = args.out ?? defaultExtentModelPath();
  const log = (line: string) => console.error(`fit: ${line}`);
  const { rows, notes } = extentTrainingRows(evalDir);
  log(notes.join('; '));
  const model = await fitExtent(rows);
  // Leave one language out, on the training pairs.
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  const heldOut: { p: number; label: 0 | 1 }[] = [];
  const folds: string[] = [];
  for (const l of langs) {
    const fold = await fitExtent(rows.filter((r) => r.lang !== l));
    const test = rows.filter((r) => r.lang === l);
    const ps = test.map((r) => ({ p: pWhollyOf(fold, r.x), label: r.wholly }));
    heldOut.push(...ps);
    const acc = (m: typeof model) =>
      test.filter((r) => (pWhollyOf(m, r.x) >= 0.5 ? 1 : 0) === r.wholly).length / test.length;
    folds.push(
      `${l}: ${test.length} pairs, held out ${(100 * acc(fold)).toFixed(1)}%, in sample ${(100 * acc(model)).toFixed(1)}%`,
    );
  }
  const heldAcc = heldOut.filter((r) => (r.p >= 0.5 ? 1 : 0) === r.label).length / heldOut.length;
  const { ece } = reliability(heldOut);
  const round = (x: number) => Number(x.toPrecision(8));
  const json = {
    header: {
      description:
        "Logistic regression over standardised extent measures of a derived copy against its source (core classify/extent.ts): P(wholly derived) = sigmoid(bias + sum w_i (x_i - mean_i) / std_i). Labels as METER: wholly derived = the copy's text comes from the source (light edits allowed); partially derived = some of it does, the rest is the writer's own or from elsewhere. Written by the fit script; do not edit by hand.",
      command: COMMAND,
      script: 'packages/eval/src/fit-extent.ts',
      trainingSet: `generated pairs only (packages/eval/src/extent-data.ts): ${notes.join('; ')}; the English synthetic families are not used (their kinds say how the whole text was rewritten, not how much was taken: extent-data.ts says why)`,
      trainingSeeds: `generator seeds ${EXTENT_TRAIN_SEEDS.join(', ')} (never the eval's seed ${REUSE_SEED})`,
      fit: `TF.js full-batch Adam, ${EXTENT_FIT.steps} steps, learning rate ${EXTENT_FIT.learningRate}, L2 ${EXTENT_FIT.l2}, weights from zero, rows weighted so each language counts the same, cpu backend; fixed, not searched`,
      use: 'each derivation relation of the report gets extent "wholly" when P(wholly) >= 0.5, else "partially" (core EXTENT_CUT), and pWholly',
      heldOutLeaveOneLanguageOutAccuracy: round(heldAcc),
      heldOutECE: round(ece),
      folds,
    },
    features: model.features,
    mean: model.mean.map(round),
    std: model.std.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
  };
  for (const [i, n] of model.features.entries())
    console.error(`  ${n.padEnd(22)} ${json.weights[i]!.toFixed(4)}`);
  for (const f of folds) console.error(`  ${f}`);
  console.error(
    `  held out (leave one language out): ${(100 * heldAcc).toFixed(1)}%, ECE ${ece.toFixed(3)}`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out}`);
  return 0;
}

runScript(main);
