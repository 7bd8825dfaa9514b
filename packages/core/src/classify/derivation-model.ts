/**
 * The fitted derivation model: a logistic regression over the derivation
 * features (derivation-features.ts). Weights live in
 * `packages/core/models/derivation-lr.json`, written by the fit script its
 * header names (`npm run fit:derivation -w @stemma/eval`), never by hand.
 */

import { fileURLToPath } from 'node:url';
import { expectString } from '../args.js';
import {
  loadParaphraseModel,
  logisticProbability,
  type ParaphraseModel,
} from '../compare/index.js';
import type { DerivationFeatures } from './derivation-features.js';

/**
 * P(derived) from which the model calls a candidate pair derived: even odds,
 * not tuned. The model is calibrated on held-out folds (reliability table in
 * `npm run eval -- --only derivation-model`), so 0.5 means "more likely
 * derived than not". Scored against the rule cascade there; the cascade
 * still decides (classify/constants.ts says why).
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
