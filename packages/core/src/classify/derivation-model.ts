/**
 * The fitted derivation model: a logistic regression over the derivation
 * features (derivation-features.ts). Weights live in
 * `packages/core/models/derivation-lr.json`, written by the fit script its
 * header names (`npm run fit:derivation -w @stemma/eval`), never by hand.
 */

import { fileURLToPath } from 'node:url';
import { expectArg, expectString } from '../args.js';
import { CoreError } from '../errors.js';
import {
  loadParaphraseModel,
  logisticProbability,
  modelRule,
  type ParaphraseModel,
} from '../compare/index.js';
import type { DerivationFeatures } from './derivation-features.js';

/**
 * P(derived) from which a model without a fitted cut would call a pair
 * derived: even odds. The shipped weights carry their own cut
 * (`decisionCut` in the header), chosen by the fit script on held-out
 * folds, never on the seed pages or the test files; derivationCut reads it.
 */
export const DERIVATION_CUT = 0.5;

/** A fitted logistic model over named features (the paraphrase model's shape). */
export type DerivationModel = ParaphraseModel;

/** Where the shipped derivation weights are, from src/classify or dist/classify alike. */
export function defaultDerivationModelPath(): string {
  return fileURLToPath(new URL('../../models/derivation-lr.json', import.meta.url));
}

/**
 * Reads (once per path and process) and checks a derivation weights file.
 * @throws CoreError MODEL_LOAD_FAILED when it is missing or malformed; INVALID_ARGUMENT when `file` is not a string.
 */
export function loadDerivationModel(file = defaultDerivationModelPath()): DerivationModel {
  expectString(file, 'loadDerivationModel: file');
  return loadParaphraseModel(file);
}

/**
 * P(derived) of one candidate pair.
 * @throws CoreError MODEL_LOAD_FAILED when the model names a feature not computed here;
 *   INVALID_ARGUMENT when `model` is not a model or `features` not an object.
 */
export function derivationProbability(
  model: DerivationModel,
  features: DerivationFeatures,
): number {
  return logisticProbability(model, features, 'derivationProbability');
}

/**
 * The P(derived) from which `model` calls a candidate pair derived: the
 * `decisionCut` its header records (chosen on held-out folds by the fit
 * script, packages/eval/src/derivation-fit.ts chooseCut), else
 * DERIVATION_CUT. The relate stage calls a pair derived at this cut.
 * @throws CoreError MODEL_LOAD_FAILED when the header's cut is not a number in (0, 1);
 *   INVALID_ARGUMENT when `model` is not a model.
 */
export function derivationCut(model: DerivationModel): number {
  expectArg(model, 'derivationCut: model', modelRule);
  const cut = model.header['decisionCut'];
  if (cut === undefined) return DERIVATION_CUT;
  if (typeof cut !== 'number' || !(cut > 0 && cut < 1))
    throw new CoreError(
      'MODEL_LOAD_FAILED',
      'derivationCut',
      `decisionCut ${String(cut)} is not in (0, 1)`,
    );
  return cut;
}
