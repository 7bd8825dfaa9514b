#!/usr/bin/env node
/**
 * `npm run fit:derivation -w @stemma/eval`: fits the logistic derivation
 * model (P that a candidate pair is derived) on the labelled candidate pairs
 * of derivation-data.ts (synthetic families, multilingual reuse,
 * Clough-Stevenson, SemEval negatives) and writes
 * packages/core/models/derivation-lr.json with a header saying what it was
 * fitted on, how, and its held-out figures.
 *
 *   node packages/eval/dist/fit-derivation.js [--eval-dir DIR] [--out FILE] [--rows FILE]
 *
 * `--rows FILE` keeps the labelled features there: read when the file
 * exists, written after collecting when it does not (numbers only, no
 * text). Deterministic: fixed seeds, weights from zero, full-batch Adam on
 * the cpu backend.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDerivationModelPath } from '@stemma/core';
import { readScriptOptions, runScript } from './args.js';
import {
  collectDerivationData,
  DERIVATION_SYNTHETIC_SEED,
  type DerivationData,
} from './derivation-data.js';
import { SYNTHETIC_SEED } from './sets/synthetic.js';
import { DERIVATION_FIT, fitDerivation, heldOutFolds, reliability } from './derivation-fit.js';
import { modelNumbers, round8 } from './fit-logistic.js';

const COMMAND = 'npm run fit:derivation -w @stemma/eval';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const USAGE = `usage: node packages/eval/dist/fit-derivation.js [options]
  --eval-dir DIR   folder of labelled sets (default: <repo>/../shared/eval)
  --out FILE       weights file to write (default: core's models/derivation-lr.json)
  --rows FILE      labelled features: read if present, else collected and written there`;

/** Reads the labelled rows from `file` if it exists, else collects them (and writes `file`). */
async function loadOrCollect(
  evalDir: string,
  file: string | undefined,
  log: (line: string) => void,
): Promise<DerivationData> {
  if (file && fs.existsSync(file))
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DerivationData;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemma-fit-derivation-'));
  try {
    const data = await collectDerivationData({ evalDir, workDir, log });
    if (file) fs.writeFileSync(file, JSON.stringify(data));
    return data;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = readScriptOptions(
    process.argv.slice(2),
    { 'eval-dir': { type: 'string' }, out: { type: 'string' }, rows: { type: 'string' } },
    USAGE,
  );
  if (!args) return 2;
  const evalDir = args['eval-dir'] ?? path.resolve(repo, '..', 'shared', 'eval');
  const out = args.out ?? defaultDerivationModelPath();
  const log = (line: string) => console.error(`fit: ${line}`);
  const data = await loadOrCollect(evalDir, args.rows, log);
  const model = await fitDerivation(data.rows);
  const folds = await heldOutFolds(data, model, log);
  const { ece } = reliability(folds.heldOut);
  const round = round8;
  const pooled = (fs_: typeof folds.clough) => {
    const n = fs_.reduce((s, f) => s + f.items, 0);
    return round(fs_.reduce((s, f) => s + f.outOfSample * f.items, 0) / n);
  };
  const pooledOf = (fs_: typeof folds.clough, k: 'outOfSample' | 'inSample' | 'cascade') => {
    const n = fs_.reduce((s, f) => s + f.items, 0);
    return round(fs_.reduce((s, f) => s + f[k] * f.items, 0) / n);
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const json = {
    header: {
      description:
        'Monotone logistic regression (every weight >= 0) over standardised derivation features of a candidate pair (core classify/derivation-features.ts; the ones read are listed in derivation-fit.ts DERIVATION_MODEL_FEATURES with why the others are left out): P(derived) = sigmoid(bias + sum w_i (x_i - mean_i) / std_i). Written by the fit script; do not edit by hand.',
      command: COMMAND,
      script: 'packages/eval/src/fit-derivation.ts',
      trainingSet: `every candidate pair the relate stage aligned in: ${data.notes.join('; ')}`,
      fit: `TF.js full-batch projected Adam (weights clipped at 0 after each step), ${DERIVATION_FIT.steps} steps, learning rate ${DERIVATION_FIT.learningRate}, L2 ${DERIVATION_FIT.l2}, weights from zero, rows weighted so each stratum (synthetic pairs, synthetic decoys against their own family, reuse, Clough, SemEval same-event pairs, other SemEval pairs) counts the same, split evenly between its derived and not-derived pairs (derivation-fit.ts sourceWeights), cpu backend; fixed, not searched`,
      cut: `decisionCut ${folds.cut}: chosen by chooseCut (derivation-fit.ts) on the ${folds.heldOut.length} held-out candidate pairs of the folds below (Clough leave one task out, reuse leave one language out, SemEval halves), each P from a fit that did not see it; the weighted error over a 0.05 grid, strata weighed as in the fit; never on the seed pages, the bundled examples or a test`,
      decisionCut: folds.cut,
      use: "decides whether a candidate pair is derived: P(derived) >= decisionCut (core derivationCut; relate.ts); the rule cascade's verdicts are among its features (stacking) and say which alignment explains a verdict. P(derived) is also the relation's confidence (times P(direction)). Its training mixture holds the Clough, multilingual reuse and SemEval pairs, so the eval's rows on those sets are in sample: the derivation-model set gives their held-out figures",
      trainingSeeds: `synthetic families from generator seed ${DERIVATION_SYNTHETIC_SEED} only (never the synthetic eval set's seed ${SYNTHETIC_SEED})`,
      heldOutCloughLeaveOneTaskOut: pooled(folds.clough),
      heldOutReuseLeaveOneLanguageOut: pooled(folds.reuse),
      heldOutECE: round(ece),
      cascadeCloughLeaveOneTaskOut: pooledOf(folds.clough, 'cascade'),
      cascadeReuseLeaveOneLanguageOut: pooledOf(folds.reuse, 'cascade'),
      heldOutSemevalLinked: round(folds.semeval.outOfSample),
      cascadeSemevalLinked: round(folds.semeval.cascade),
      heldOutSameEventLinked: round(folds.sameEvent.outOfSample),
      cascadeSameEventLinked: round(folds.sameEvent.cascade),
      folds: [...folds.clough, ...folds.reuse].map(
        (f) =>
          `${f.name}: ${f.items} items, held out ${pct(f.outOfSample)}, in sample ${pct(f.inSample)}, rule cascade ${pct(f.cascade)}`,
      ),
    },
    ...modelNumbers(model),
  };
  for (const [i, n] of model.features.entries())
    console.error(`  ${n.padEnd(18)} ${json.weights[i]!.toFixed(4)}`);
  for (const f of [...folds.clough, ...folds.reuse])
    console.error(
      `  ${f.name.padEnd(8)} n=${f.items} out ${(100 * f.outOfSample).toFixed(1)}% in ${(100 * f.inSample).toFixed(1)}% cascade ${(100 * f.cascade).toFixed(1)}%`,
    );
  console.error(
    `  SemEval pairs linked: held out ${pct(folds.semeval.outOfSample)}, in sample ${pct(folds.semeval.inSample)}, cascade ${pct(folds.semeval.cascade)} of ${folds.semeval.pairs}`,
  );
  console.error(
    `  SemEval same-event pairs linked: held out ${pct(folds.sameEvent.outOfSample)}, cascade ${pct(folds.sameEvent.cascade)} of ${folds.sameEvent.pairs}; cut ${folds.cut}`,
  );
  console.error(`  held-out ECE ${ece.toFixed(3)} over ${folds.heldOut.length} pairs`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out}`);
  return 0;
}

runScript(main);
