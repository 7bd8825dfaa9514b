/**
 * The fitted paraphrase model: a logistic regression over the standardised
 * pair features. Weights live in `packages/core/models/paraphrase-lr.json`,
 * written by the fit script named in the file's header (never edited by
 * hand), and are read once per process.
 */

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {
  expectArg,
  expectArrayOf,
  expectOptions,
  expectString,
  expectStringArray,
  rules,
  shape,
} from '../args.js';
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

const modelRule = shape(
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
 * P(paraphrase) of one pair: σ(bias + Σ wᵢ·(xᵢ − meanᵢ)/stdᵢ).
 * @throws CoreError MODEL_LOAD_FAILED when the model names a feature the pair lacks;
 *   INVALID_ARGUMENT when `model` is not a model or `features` not an object.
 */
export function paraphraseProbability(model: ParaphraseModel, features: PairFeatures): number {
  expectArg(model, 'paraphraseProbability: model', modelRule);
  expectArg(features, 'paraphraseProbability: features', rules.object);
  const f = features as Readonly<Record<string, number>>;
  let z = model.bias;
  model.features.forEach((name, i) => {
    const x = f[name];
    if (x === undefined)
      throw new CoreError('MODEL_LOAD_FAILED', 'paraphrase model', `unknown feature "${name}"`);
    z += model.weights[i]! * ((x - model.mean[i]!) / model.std[i]!);
  });
  return 1 / (1 + Math.exp(-z));
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per example; default 1e-3. */
  readonly l2?: number;
  /** Full-batch Adam steps; default 2000. */
  readonly steps?: number;
  readonly learningRate?: number;
}

/**
 * Fits a logistic regression with TF.js: features standardised on the
 * training rows, weights from zero, full-batch Adam on the mean log-loss
 * plus an L2 penalty. Zero start and full batches make it deterministic: the
 * same rows give the same weights.
 * @throws {CoreError} INVALID_OPTION when rows, labels and names disagree in
 *   length; INVALID_ARGUMENT when an argument or option has the wrong type.
 */
export function fitLogistic(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: FitOptions = {},
): Omit<ParaphraseModel, 'header'> {
  expectStringArray(names, 'fitLogistic: names');
  expectArrayOf(
    rows,
    'fitLogistic: rows',
    rules.numberArray,
    'an array of arrays of finite numbers',
  );
  expectArrayOf(
    labels,
    'fitLogistic: labels',
    { expected: '0 or 1', test: (v) => v === 0 || v === 1 },
    'an array of 0 and 1 labels',
  );
  expectOptions(options, 'fitLogistic: options', {
    l2: rules.nonNegative,
    steps: rules.positiveInt,
    learningRate: rules.positive,
  });
  const n = rows.length;
  const d = names.length;
  if (n === 0 || labels.length !== n || rows.some((r) => r.length !== d))
    throw new CoreError(
      'INVALID_OPTION',
      'rows',
      'need one label and one value per feature for every row',
    );
  const mean = names.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const std = names.map((_, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const x = tf.tensor2d(rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!)));
  const y = tf.tensor2d(labels.map((l) => [l]));
  const w = tf.variable(tf.zeros([d, 1]));
  const b = tf.variable(tf.scalar(0));
  const l2 = options.l2 ?? 1e-3;
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  try {
    for (let step = 0; step < (options.steps ?? 2000); step++) {
      optimizer.minimize(() => {
        const logits = tf.add(tf.matMul(x, w), b);
        const loss = tf.losses.sigmoidCrossEntropy(y, logits);
        return tf.add(loss, tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar;
      });
    }
    return {
      features: [...names],
      mean,
      std,
      weights: Array.from(w.dataSync()),
      bias: b.dataSync()[0]!,
    };
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, w, b]);
  }
}
