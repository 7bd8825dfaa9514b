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
  const heldOut: { p: number; label: 0 | 1; cut: boolean; partial: boolean }[] = [];
  const folds: string[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const accuracy = (rs: readonly { p: number; label: 0 | 1 }[]) =>
    rs.filter((r) => (r.p >= 0.5 ? 1 : 0) === r.label).length / Math.max(1, rs.length);
  for (const l of langs) {
    const fold = await fitExtent(rows.filter((r) => r.lang !== l));
    const test = rows.filter((r) => r.lang === l);
    const held = test.map((r) => ({
      p: pWhollyOf(fold, r.x),
      label: r.wholly,
      cut: r.cut,
      partial: !r.wholly,
    }));
    const inSample = test.map((r) => ({ p: pWhollyOf(model, r.x), label: r.wholly }));
    heldOut.push(...held);
    folds.push(
      `${l}: ${test.length} pairs, held out ${pct(accuracy(held))} (wholly ${pct(accuracy(held.filter((r) => !r.partial && !r.cut)))}, cut wholly ${pct(accuracy(held.filter((r) => r.cut)))}, partially ${pct(accuracy(held.filter((r) => r.partial)))}), in sample ${pct(accuracy(inSample))}`,
    );
  }
  const heldAcc = accuracy(heldOut);
  const byKind = {
    wholly: accuracy(heldOut.filter((r) => !r.partial && !r.cut)),
    cutWholly: accuracy(heldOut.filter((r) => r.cut)),
    partially: accuracy(heldOut.filter((r) => r.partial)),
  };
  const { ece } = reliability(heldOut);
  // The same folds without the cut copies in training: what they buy (extent-data.ts header).
  const ablation: { p: number; label: 0 | 1; cut: boolean; partial: boolean }[] = [];
  for (const l of langs) {
    const fold = await fitExtent(rows.filter((r) => r.lang !== l && !r.cut));
    for (const r of rows.filter((r) => r.lang === l))
      ablation.push({ p: pWhollyOf(fold, r.x), label: r.wholly, cut: r.cut, partial: !r.wholly });
  }
  const withoutCut = {
    wholly: accuracy(ablation.filter((r) => !r.partial && !r.cut)),
    cutWholly: accuracy(ablation.filter((r) => r.cut)),
    partially: accuracy(ablation.filter((r) => r.partial)),
  };
  const round = (x: number) => Number(x.toPrecision(8));
  const json = {
    header: {
      description:
        "Logistic regression over standardised extent measures of a derived copy against its source (core classify/extent.ts): P(wholly derived) = sigmoid(bias + sum w_i (x_i - mean_i) / std_i). Labels as METER: wholly derived = the copy's text comes from the source (light edits allowed); partially derived = some of it does, the rest is the writer's own or from elsewhere. Written by the fit script; do not edit by hand.",
      command: COMMAND,
      script: 'packages/eval/src/fit-extent.ts',
      trainingSet: `generated pairs only (packages/eval/src/extent-data.ts): ${notes.join('; ')}; the English synthetic families are not used (their kinds say how the whole text was rewritten, not how much was taken: extent-data.ts says why)`,
      trainingSeeds: `generator seeds ${EXTENT_TRAIN_SEEDS.join(', ')} (never the eval's seed ${REUSE_SEED})`,
      fit: `TF.js full-batch Adam, ${EXTENT_FIT.steps} steps, learning rate ${EXTENT_FIT.learningRate}, L2 ${EXTENT_FIT.l2}, weights from zero, rows weighted so each language and, within it, each class (wholly derived rows whole and cut together) counts the same, cpu backend; fixed, not searched`,
      use: 'each derivation relation of the report gets extent "wholly" when P(wholly) >= 0.5, else "partially" (core EXTENT_CUT), and pWholly',
      heldOutLeaveOneLanguageOutAccuracy: round(heldAcc),
      heldOutWhollyAccuracy: round(byKind.wholly),
      heldOutCutWhollyAccuracy: round(byKind.cutWholly),
      heldOutPartiallyAccuracy: round(byKind.partially),
      withoutCutCopiesInTraining: `the same folds fitted without the cut copies: wholly ${pct(withoutCut.wholly)}, cut wholly ${pct(withoutCut.cutWholly)}, partially ${pct(withoutCut.partially)}`,
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
  console.error(
    `  without the cut copies in training: wholly ${pct(withoutCut.wholly)}, cut wholly ${pct(withoutCut.cutWholly)}, partially ${pct(withoutCut.partially)}`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out}`);
  return 0;
}

runScript(main);
