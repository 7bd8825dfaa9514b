/**
 * Fitting the paraphrase model that core's `paraphraseProbability` reads:
 * used by fit-paraphrase.ts only, so it lives here and not in core.
 */

import * as tf from '@tensorflow/tfjs';
import { CoreError, type ParaphraseModel } from '@stemma/core';

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per example; default 1e-3. */
  readonly l2?: number;
  /** Full-batch Adam steps; default 2000. */
  readonly steps?: number;
  readonly learningRate?: number;
  /**
   * Weight of each row in the mean log-loss (default 1 each): lets a mixture
   * count each source equally however many rows it has.
   */
  readonly rowWeights?: readonly number[];
  /**
   * Keep every weight at or above 0 (projected Adam: after each step the
   * weights are clipped at 0; the bias stays free). For features that are
   * each evidence for the positive class, so that more of any can never
   * lower the probability: a monotone model, which cannot learn the
   * sign-flipped weights of correlated features that extrapolate badly.
   */
  readonly nonNegative?: boolean;
}

/**
 * Fits a logistic regression with TF.js: features standardised on the
 * training rows, weights from zero, full-batch Adam on the mean log-loss
 * plus an L2 penalty. Zero start and full batches make it deterministic: the
 * same rows give the same weights. Runs on whatever TF.js backend is set
 * (fit-paraphrase.ts has core set cpu first).
 * @throws CoreError INVALID_OPTION when there are no rows, or a row or the labels have the wrong length.
 */
export function fitLogistic(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: FitOptions = {},
): Omit<ParaphraseModel, 'header'> {
  const n = rows.length;
  const d = names.length;
  const rw = options.rowWeights;
  if (n === 0 || labels.length !== n || rows.some((r) => r.length !== d) || (rw && rw.length !== n))
    throw new CoreError(
      'INVALID_OPTION',
      'rows',
      'need one label, one value per feature and at most one weight for every row',
    );
  const mean = names.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const std = names.map((_, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const x = tf.tensor2d(rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!)));
  const y = tf.tensor2d(labels.map((l) => [l]));
  // Weights scaled to mean 1, so the loss stays a mean and the L2 penalty means the same.
  const rwMean = rw ? rw.reduce((s, v) => s + v, 0) / n : 1;
  const weights = rw ? tf.tensor2d(rw.map((v) => [v / rwMean])) : undefined;
  const w = tf.variable(tf.zeros([d, 1]));
  const b = tf.variable(tf.scalar(0));
  const l2 = options.l2 ?? 1e-3;
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  try {
    for (let step = 0; step < (options.steps ?? 2000); step++) {
      optimizer.minimize(() => {
        const logits = tf.add(tf.matMul(x, w), b);
        const loss = tf.losses.sigmoidCrossEntropy(y, logits, weights);
        return tf.add(loss, tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar;
      });
      if (options.nonNegative) w.assign(tf.tidy(() => tf.relu(w)));
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
    tf.dispose([x, y, w, b, ...(weights ? [weights] : [])]);
  }
}

/** A number as the model files keep it: 8 significant digits. */
export const round8 = (x: number): number => Number(x.toPrecision(8));

/** A standardised logistic model's numbers as its model file writes them, after the header. */
export function modelNumbers(model: {
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}): {
  features: readonly string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
} {
  return {
    features: model.features,
    mean: model.mean.map(round8),
    std: model.std.map(round8),
    weights: model.weights.map(round8),
    bias: round8(model.bias),
  };
}
