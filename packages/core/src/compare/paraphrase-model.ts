/**
 * The fitted paraphrase model: a logistic regression over the standardised
 * pair features. Weights live in `packages/core/models/paraphrase-lr.json`,
 * written by the fit script named in the file's header (never edited by
 * hand; the fitting is in packages/eval), and are read once per process.
 */

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectArg, expectString, rules, shape } from '../args.js';
import { CoreError } from '../errors.js';
import type { PairFeatures } from './pair-features.js';

/** A fitted logistic model and how it was made. */
export interface ParaphraseModel {
  /** Free-form provenance: the command that wrote the file, the training data, the seed, the date. */
  readonly header: Readonly<Record<string, string | number>>;
  /** Feature names, in the order of `mean`, `std` and `weights`. */
  readonly features: readonly string[];
  /** Per-feature mean and standard deviation on the training set (standardisation). */
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/** Where the shipped weights are, from src/compare or dist/compare alike. */
export function defaultModelPath(): string {
  return fileURLToPath(new URL('../../models/paraphrase-lr.json', import.meta.url));
}

/**
 * Checks a parsed weights file.
 * @throws CoreError MODEL_LOAD_FAILED when a field is missing or the arrays disagree in length.
 */
export function parseParaphraseModel(value: unknown, source = 'paraphrase model'): ParaphraseModel {
  expectString(source, 'parseParaphraseModel: source');
  const bad = (detail: string) => new CoreError('MODEL_LOAD_FAILED', source, detail);
  if (value === null || typeof value !== 'object') throw bad('not a JSON object');
  const m = value as Partial<Record<keyof ParaphraseModel, unknown>>;
  const nums = (k: 'mean' | 'std' | 'weights'): number[] => {
    const v = m[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw bad(`"${k}" must be an array of finite numbers`);
    return v as number[];
  };
  if (!Array.isArray(m.features) || !m.features.every((f) => typeof f === 'string'))
    throw bad('"features" must be an array of names');
  const features = m.features as string[];
  const mean = nums('mean');
  const std = nums('std');
  const weights = nums('weights');
  if (![mean, std, weights].every((a) => a.length === features.length))
    throw bad(`"mean", "std" and "weights" must each have ${features.length} entries`);
  if (std.some((s) => s <= 0)) throw bad('"std" entries must be positive');
  if (typeof m.bias !== 'number' || !Number.isFinite(m.bias)) throw bad('"bias" must be a number');
  const header =
    m.header && typeof m.header === 'object' ? (m.header as Record<string, string | number>) : {};
  return { header, features, mean, std, weights, bias: m.bias };
}

export const modelRule = shape(
  {
    features: rules.stringArray,
    mean: rules.numberArray,
    std: rules.numberArray,
    weights: rules.numberArray,
    bias: rules.finite,
  },
  'a paraphrase model (from loadParaphraseModel)',
);

const loaded = new Map<string, ParaphraseModel>();

/**
 * Reads (once per path and process) and checks a weights file.
 * @throws CoreError MODEL_LOAD_FAILED when it is missing or malformed; INVALID_ARGUMENT when `file` is not a string.
 */
export function loadParaphraseModel(file = defaultModelPath()): ParaphraseModel {
  expectString(file, 'loadParaphraseModel: file');
  const hit = loaded.get(file);
  if (hit) return hit;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CoreError('MODEL_LOAD_FAILED', file, (error as Error).message, { cause: error });
  }
  const model = parseParaphraseModel(parsed, file);
  loaded.set(file, model);
  return model;
}

/**
 * σ(bias + Σ wᵢ·(xᵢ − meanᵢ)/stdᵢ) of a fitted logistic model (the paraphrase
 * and the derivation model share this shape) over named features.
 * @throws CoreError MODEL_LOAD_FAILED when the model names a feature `features` lacks;
 *   INVALID_ARGUMENT when `model` is not a model or `features` not an object.
 */
export function logisticProbability(
  model: ParaphraseModel,
  features: Readonly<Record<string, number>>,
  what = 'logisticProbability',
): number {
  expectArg(model, `${what}: model`, modelRule);
  expectArg(features, `${what}: features`, rules.object);
  let z = model.bias;
  model.features.forEach((name, i) => {
    const x = features[name];
    if (x === undefined)
      throw new CoreError('MODEL_LOAD_FAILED', what, `unknown feature "${name}"`);
    // A feature of weight 0 adds nothing (and may be left uncomputed: NaN).
    const w = model.weights[i]!;
    if (w !== 0) z += w * ((x - model.mean[i]!) / model.std[i]!);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * P(paraphrase) of one pair: σ(bias + Σ wᵢ·(xᵢ − meanᵢ)/stdᵢ).
 * @throws CoreError MODEL_LOAD_FAILED when the model names a feature the pair lacks;
 *   INVALID_ARGUMENT when `model` is not a model or `features` not an object.
 */
export function paraphraseProbability(model: ParaphraseModel, features: PairFeatures): number {
  return logisticProbability(
    model,
    features as unknown as Readonly<Record<string, number>>,
    'paraphraseProbability',
  );
}
