#!/usr/bin/env node
/**
 * `npm run fit:paraphrase -w @stemma/eval`: fits the logistic paraphrase
 * model that `comparePassages` reads, on MSRP training-split pairs 1–2038
 * ONLY (the first half of the file: the half the msrp eval set tunes on).
 * The second half is parsed with the file but never featurised or used. Writes packages/core/models/paraphrase-lr.json
 * with the feature names, standardisation, weights, the command, training
 * set, seed and the 5-fold cross-validated accuracy on the training half.
 *
 *   node packages/eval/dist/fit-paraphrase.js [--eval-dir DIR] [--out FILE] [--check]
 *
 * `--check` fits, compares with the file on disk and exits 1 when they differ
 * (the weights are reproducible: zero start, full-batch Adam on the cpu backend).
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  comparePassageFeatures,
  defaultModelPath,
  PAIR_FEATURE_NAMES,
  paraphraseProbability,
  seededRandom,
} from '@stemma/core';
import { readScriptOptions, runScript } from './args.js';
import { fitLogistic, modelNumbers, round8, type FitOptions } from './fit-logistic.js';
import { parseMsrp } from './sets/msrp.js';

const SEED = 2026;
const FIT: Required<Omit<FitOptions, 'rowWeights' | 'nonNegative'>> = {
  l2: 1e-3,
  steps: 2000,
  learningRate: 0.05,
};
const COMMAND = 'npm run fit:paraphrase -w @stemma/eval';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `usage: node packages/eval/dist/fit-paraphrase.js [options]
  --eval-dir DIR   folder of labelled sets (default: <repo>/../shared/eval)
  --out FILE       weights file to write (default: core's models/paraphrase-lr.json)
  --check          fit, compare with --out, exit 1 when they differ`;

async function main(): Promise<number> {
  const args = readScriptOptions(
    process.argv.slice(2),
    { 'eval-dir': { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } },
    USAGE,
  );
  if (!args) return 2;
  const evalDir = args['eval-dir'] ?? path.resolve(repo, '..', 'shared', 'eval');
  const out = args.out ?? defaultModelPath();
  const file = path.join(evalDir, 'msrp', 'msr_paraphrase_train.txt');
  const { pairs, labels } = parseMsrp(fs.readFileSync(file, 'utf8'));
  const half = Math.floor(pairs.length / 2);
  // Training pairs only: the second half of the file is never featurised here.
  const train = pairs.slice(0, half);
  const y = train.map((p) => labels.get(p.id)!);
  console.error(`fit: featurising MSRP pairs 1–${half} (${train.length} pairs)`);
  const scored = await comparePassageFeatures(train, { backend: 'cpu' });
  const names = [...PAIR_FEATURE_NAMES];
  const rows = scored.map((s) => names.map((n) => s.features[n]));

  // 5-fold cross-validation on the training half (seeded folds), for the header.
  const order = train.map((_, i) => i);
  const random = seededRandom(SEED);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Array<number>(train.length);
  order.forEach((row, k) => (fold[row] = k % 5));
  let right = 0;
  for (let f = 0; f < 5; f++) {
    const inTrain = order.filter((i) => fold[i] !== f);
    const model = fitLogistic(
      names,
      inTrain.map((i) => rows[i]!),
      inTrain.map((i) => y[i]!),
      FIT,
    );
    for (let i = 0; i < rows.length; i++) {
      if (fold[i] !== f) continue;
      const p = paraphraseProbability({ ...model, header: {} }, scored[i]!.features);
      if ((p >= 0.5 ? 1 : 0) === y[i]) right++;
    }
  }
  const cv = right / train.length;

  const model = fitLogistic(names, rows, y, FIT);
  const trainRight = rows.filter(
    (_, i) =>
      (paraphraseProbability({ ...model, header: {} }, scored[i]!.features) >= 0.5 ? 1 : 0) ===
      y[i],
  ).length;
  const round = round8;
  const json = {
    header: {
      description:
        'Logistic regression over standardised pair features: P(paraphrase) = sigmoid(bias + sum w_i (x_i - mean_i) / std_i). Written by the fit script; do not edit by hand.',
      command: COMMAND,
      script: 'packages/eval/src/fit-paraphrase.ts',
      trainingSet: `MSRP training split (msr_paraphrase_train.txt), pairs 1-${half} in file order (${train.length} pairs, ${y.filter((l) => l === 1).length} paraphrases); pairs ${half + 1}-${pairs.length} are held out: not featurised, not used`,
      featureBatch: `features computed by comparePassageFeatures over the ${train.length} training pairs as one batch (IDF and SIF statistics from those sentences), backend cpu`,
      fit: `TF.js full-batch Adam, ${FIT.steps} steps, learning rate ${FIT.learningRate}, L2 ${FIT.l2}, weights from zero`,
      seed: SEED,
      cvAccuracy5Fold: round(cv),
      trainAccuracy: round(trainRight / train.length),
    },
    ...modelNumbers(model),
  };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  console.error(
    `fit: 5-fold CV accuracy on pairs 1–${half} ${(cv * 100).toFixed(1)}%, training accuracy ${((trainRight / train.length) * 100).toFixed(1)}%`,
  );
  for (const [i, n] of names.entries())
    console.error(`  ${n.padEnd(18)} ${json.weights[i]!.toFixed(4)}`);
  if (args.check === true) {
    const same = fs.existsSync(out) && fs.readFileSync(out, 'utf8') === text;
    console.error(same ? `fit: ${out} matches` : `fit: ${out} DIFFERS from this fit`);
    return same ? 0 : 1;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.error(`fit: wrote ${out}`);
  return 0;
}

runScript(main);
