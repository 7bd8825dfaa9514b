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
  EXTENT_FAMILY_HELD_SEED,
  EXTENT_FIT,
  EXTENT_TRAIN_SEEDS,
  extentTrainingRows,
  familyRows,
  fitExtent,
  pWhollyOf,
} from './extent-data.js';
import { REUSE_SEED } from './reuse-corpora.js';
import { modelNumbers, round8 } from './fit-logistic.js';

const COMMAND = 'npm run fit:extent -w @stemma/eval';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `usage: node packages/eval/dist/fit-extent.js [options]
  --eval-dir DIR   folder of labelled sets (default: <repo>/../shared/eval)
  --out FILE       weights file to write (default: core's models/extent-lr.json)`;

interface Held {
  readonly p: number;
  readonly label: 0 | 1;
  readonly cut: boolean;
  readonly rewritten: boolean;
  readonly family: string | null;
  readonly partial: boolean;
}

/** A training row scored by a model that did not see it. */
function heldRow(
  p: number,
  r: {
    readonly wholly: 0 | 1;
    readonly cut: boolean;
    readonly rewritten: boolean;
    readonly familyKind: string | null;
  },
): Held {
  return {
    p,
    label: r.wholly,
    cut: r.cut,
    rewritten: r.rewritten,
    family: r.familyKind,
    partial: !r.wholly,
  };
}

/** Accuracy on whole, cut and rewritten wholly derived copies and on partially derived ones. */
function kinds(held: readonly Held[], accuracy: (rs: readonly Held[]) => number) {
  return {
    wholly: accuracy(held.filter((r) => !r.partial && !r.cut && !r.rewritten && !r.family)),
    families: accuracy(held.filter((r) => r.family)),
    cutWholly: accuracy(held.filter((r) => r.cut)),
    rewrittenWholly: accuracy(held.filter((r) => r.rewritten)),
    partially: accuracy(held.filter((r) => r.partial)),
  };
}

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
  const heldOut: Held[] = [];
  const folds: string[] = [];
  // NaN (no rows of that kind in the fold) prints as "-".
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
  const accuracy = (rs: readonly { p: number; label: 0 | 1 }[]) =>
    rs.filter((r) => (r.p >= 0.5 ? 1 : 0) === r.label).length / rs.length;
  for (const l of langs) {
    const fold = await fitExtent(rows.filter((r) => r.lang !== l));
    const test = rows.filter((r) => r.lang === l);
    const held = test.map((r) => heldRow(pWhollyOf(fold, r.x), r));
    const k = kinds(held, accuracy);
    const inSample = test.map((r) => ({ p: pWhollyOf(model, r.x), label: r.wholly }));
    heldOut.push(...held);
    folds.push(
      `${l}: ${test.length} pairs, held out ${pct(accuracy(held))} (wholly ${pct(k.wholly)}, cut wholly ${pct(k.cutWholly)}, rewritten wholly ${pct(k.rewrittenWholly)}, English families ${pct(k.families)}, partially ${pct(k.partially)}), in sample ${pct(accuracy(inSample))}`,
    );
  }
  const heldAcc = accuracy(heldOut);
  const byKind = kinds(heldOut, accuracy);
  const { ece } = reliability(heldOut);
  // English family copies held out (the English fold), by kind: the share called wholly.
  const familyKinds = [...new Set(heldOut.flatMap((r) => (r.family ? [r.family] : [])))].sort();
  const byFamilyKind = familyKinds.map((k) => {
    const rs = heldOut.filter((r) => r.family === k);
    return `${k} ${rs.filter((r) => r.p >= 0.5).length}/${rs.length}`;
  });
  // The shipped model on English families of a generator seed it never saw, by kind.
  const unseen = familyRows(EXTENT_FAMILY_HELD_SEED);
  const unseenKinds = [...new Set(unseen.map((r) => r.familyKind!))].sort().map((k) => {
    const rs = unseen.filter((r) => r.familyKind === k);
    return `${k} ${rs.filter((r) => pWhollyOf(model, r.x) >= 0.5).length}/${rs.length}`;
  });
  // The same folds without the rewritten copies in training: what they buy (extent-data.ts header).
  const ablation: Held[] = [];
  for (const l of langs) {
    const fold = await fitExtent(rows.filter((r) => r.lang !== l && !r.rewritten));
    for (const r of rows.filter((r) => r.lang === l))
      ablation.push(heldRow(pWhollyOf(fold, r.x), r));
  }
  const without = kinds(ablation, accuracy);
  const round = round8;
  const json = {
    header: {
      description:
        "Logistic regression over standardised extent measures of a derived copy against its source (core classify/extent.ts): P(wholly derived) = sigmoid(bias + sum w_i (x_i - mean_i) / std_i). Labels as METER: wholly derived = the copy's text comes from the source (light edits allowed); partially derived = some of it does, the rest is the writer's own or from elsewhere. Written by the fit script; do not edit by hand.",
      command: COMMAND,
      script: 'packages/eval/src/fit-extent.ts',
      trainingSet: `generated pairs only (packages/eval/src/extent-data.ts): ${notes.join('; ')}`,
      trainingSeeds: `generator seeds ${EXTENT_TRAIN_SEEDS.join(', ')} (never the eval's seed ${REUSE_SEED})`,
      fit: `TF.js full-batch Adam, ${EXTENT_FIT.steps} steps, learning rate ${EXTENT_FIT.learningRate}, L2 ${EXTENT_FIT.l2}, weights from zero, rows weighted so each language and, within it, each class (wholly derived rows whole, cut and rewritten together) counts the same, and the English families' copies as one stratum of their own (extent-data.ts stratumOf), cpu backend; fixed, not searched`,
      use: 'each derivation relation of the report gets extent "wholly" when P(wholly) >= 0.5, else "partially" (core EXTENT_CUT), and pWholly',
      heldOutLeaveOneLanguageOutAccuracy: round(heldAcc),
      heldOutWhollyAccuracy: round(byKind.wholly),
      heldOutCutWhollyAccuracy: round(byKind.cutWholly),
      heldOutRewrittenWhollyAccuracy: round(byKind.rewrittenWholly),
      heldOutPartiallyAccuracy: round(byKind.partially),
      heldOutEnglishFamiliesCalledWholly: `English fold held out: ${byFamilyKind.join(', ')}`,
      withoutRewrittenCopiesInTraining: `the same folds fitted without the rewritten copies: wholly ${pct(without.wholly)}, cut wholly ${pct(without.cutWholly)}, rewritten wholly ${pct(without.rewrittenWholly)}, English families ${pct(without.families)}, partially ${pct(without.partially)}`,
      unseenSeedEnglishFamiliesCalledWholly: `the shipped model on the English families of generator seed ${EXTENT_FAMILY_HELD_SEED}, never fitted on: ${unseenKinds.join(', ')}`,
      heldOutECE: round(ece),
      folds,
    },
    ...modelNumbers(model),
  };
  for (const [i, n] of model.features.entries())
    console.error(`  ${n.padEnd(22)} ${json.weights[i]!.toFixed(4)}`);
  for (const f of folds) console.error(`  ${f}`);
  console.error(
    `  English family copies called wholly, English held out: ${byFamilyKind.join(', ')}`,
  );
  console.error(
    `  English family copies of seed ${EXTENT_FAMILY_HELD_SEED} (never fitted on) called wholly by the shipped model: ${unseenKinds.join(', ')}`,
  );
  console.error(
    `  held out (leave one language out): ${(100 * heldAcc).toFixed(1)}%, ECE ${ece.toFixed(3)}`,
  );
  console.error(
    `  without the rewritten copies in training: wholly ${pct(without.wholly)}, cut wholly ${pct(without.cutWholly)}, rewritten wholly ${pct(without.rewrittenWholly)}, English families ${pct(without.families)}, partially ${pct(without.partially)}`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out}`);
  return 0;
}

runScript(main);
