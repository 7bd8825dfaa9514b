/**
 * Fitting and judging the derivation model on labelled candidate pairs
 * (derivation-data.ts): the shipped fit on everything, and held-out folds
 * (Clough-Stevenson leave-one-task-out, multilingual reuse
 * leave-one-language-out) with the rule cascade and the in-sample fit scored
 * on the same items, plus the reliability of P(derived) on held-out pairs.
 */

import * as tf from '@tensorflow/tfjs';
import {
  DERIVATION_CUT,
  DERIVATION_FEATURE_NAMES,
  derivationProbability,
  type DerivationModel,
} from '@stemma/core';
import type { CandidateRow, DerivationData, LabelledItem } from './derivation-data.js';
import { fitLogistic } from './fit-logistic.js';

/**
 * The fit's settings: fixed here, not searched (the paraphrase model's L2
 * and learning rate). Non-negative weights: every feature the model reads is
 * evidence of copying, so more of it may never lower P(derived).
 */
export const DERIVATION_FIT = {
  l2: 1e-3,
  steps: 600,
  learningRate: 0.05,
  nonNegative: true,
} as const;

/**
 * The derivation features the model reads: every one of
 * DERIVATION_FEATURE_NAMES that is evidence of copying (more shared text,
 * longer reused passages, closer alignment). Left out, as measured out of
 * sample (leave one language out): the encoder's out-of-vocabulary rate and
 * the similarity gated by it (`oov`, `semanticKnown`, `paraSemanticKnown`),
 * which tell the language apart rather than copy from not (SemEval's
 * negatives span languages the encoder does not know; Arabic reuse fell to
 * 80% held out with them); and the story sizes (`shortestUnits`,
 * `lengthRatio`), which say nothing of copying either way. They stay
 * computed, for the rows and for the report.
 */
export const DERIVATION_MODEL_FEATURES = DERIVATION_FEATURE_NAMES.filter(
  (n) => !['oov', 'semanticKnown', 'paraSemanticKnown', 'shortestUnits', 'lengthRatio'].includes(n),
);
/** P(derived) from which a pair is derived: core's even-odds cut, not tuned. */
export { DERIVATION_CUT };

/**
 * Fits the logistic model on the rows (cpu backend: deterministic).
 * @throws CoreError INVALID_OPTION when there are no rows.
 */
export async function fitDerivation(rows: readonly CandidateRow[]): Promise<DerivationModel> {
  await tf.setBackend('cpu');
  const names = [...DERIVATION_MODEL_FEATURES];
  const model = fitLogistic(
    names,
    rows.map((r) => names.map((n) => r.features[n])),
    rows.map((r) => r.label),
    { ...DERIVATION_FIT, rowWeights: sourceWeights(rows) },
  );
  return { ...model, header: {} };
}

/**
 * Row weights that give each source (synthetic, reuse, Clough, SemEval) the
 * same total weight in the fit, however many candidate pairs it produced: the
 * mixture is the point, and SemEval's and the synthetic families' thousands
 * of easy pairs would otherwise drown the few short or revised ones.
 */
export function sourceWeights(rows: readonly CandidateRow[]): number[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.source, (count.get(r.source) ?? 0) + 1);
  return rows.map((r) => 1 / count.get(r.source)!);
}

/** Each item's verdict: derived when any of its candidate pairs is. */
function verdicts(
  items: readonly LabelledItem[],
  rows: readonly CandidateRow[],
  derived: (r: CandidateRow) => boolean,
): Map<string, boolean> {
  const out = new Map(items.map((it) => [it.id, false]));
  for (const r of rows) if (r.item !== null && out.has(r.item) && derived(r)) out.set(r.item, true);
  return out;
}

const accuracy = (items: readonly LabelledItem[], v: ReadonlyMap<string, boolean>) =>
  items.length ? items.filter((it) => v.get(it.id) === (it.label === 1)).length / items.length : 0;

/** One held-out fold: the items it scores and three verdicts on them. */
export interface FoldResult {
  readonly name: string;
  readonly items: number;
  /** Fitted without the fold's group, scored on it. */
  readonly outOfSample: number;
  /** Fitted on everything (the shipped model), scored on the fold. */
  readonly inSample: number;
  /** The rule cascade (isDerived on sentences, then paragraphs). */
  readonly cascade: number;
  readonly cascadeErrors: number;
  readonly modelErrors: number;
}

/** Held-out probabilities of candidate pairs, with their labels. */
export interface HeldOutRow {
  readonly p: number;
  readonly label: 0 | 1;
}

/** SemEval's same-event pairs (none derived) linked at the cut: the false links on real news. */
export interface SemevalHalves {
  readonly pairs: number;
  /** Share of pairs P(derived) ≥ the cut, each half scored by a fit without it. */
  readonly outOfSample: number;
  /** The same with the fit on all rows. */
  readonly inSample: number;
  /** Share the rule cascade links. */
  readonly cascade: number;
}

export interface HeldOutReport {
  readonly clough: readonly FoldResult[];
  readonly reuse: readonly FoldResult[];
  readonly semeval: SemevalHalves;
  readonly heldOut: readonly HeldOutRow[];
}

/**
 * Leave-one-task-out on Clough-Stevenson and leave-one-language-out on the
 * reuse pairs: each fold fits on every row outside its group (all other
 * sources included) and scores the group's items; SemEval by held-out
 * halves (how many same-event pairs the model links); `full` is the model
 * fitted on all rows.
 */
export async function heldOutFolds(
  data: DerivationData,
  full: DerivationModel,
  log: (line: string) => void = () => {},
): Promise<HeldOutReport> {
  const heldOut: HeldOutRow[] = [];
  const fold = async (
    name: string,
    inFold: (r: { source: string; group: string }) => boolean,
  ): Promise<FoldResult> => {
    const train = data.rows.filter((r) => !inFold(r));
    const test = data.rows.filter(inFold);
    const items = data.items.filter(inFold);
    const model = await fitDerivation(train);
    const p = new Map(test.map((r) => [r, derivationProbability(model, r.features)]));
    for (const [r, x] of p) heldOut.push({ p: x, label: r.label });
    const out = verdicts(items, test, (r) => p.get(r)! >= DERIVATION_CUT);
    const inS = verdicts(
      items,
      test,
      (r) => derivationProbability(full, r.features) >= DERIVATION_CUT,
    );
    const cas = verdicts(items, test, (r) => r.cascade);
    log(`derivation model: fold ${name} (${train.length} training pairs)`);
    return {
      name,
      items: items.length,
      outOfSample: accuracy(items, out),
      inSample: accuracy(items, inS),
      cascade: accuracy(items, cas),
      cascadeErrors: items.filter((it) => cas.get(it.id) !== (it.label === 1)).length,
      modelErrors: items.filter((it) => out.get(it.id) !== (it.label === 1)).length,
    };
  };
  const clough: FoldResult[] = [];
  for (const t of [...new Set(data.items.filter((i) => i.source === 'clough').map((i) => i.group))])
    clough.push(await fold(`task ${t}`, (r) => r.source === 'clough' && r.group === t));
  const reuse: FoldResult[] = [];
  for (const l of [...new Set(data.items.filter((i) => i.source === 'reuse').map((i) => i.group))])
    reuse.push(await fold(l, (r) => r.source === 'reuse' && r.group.split('+').includes(l)));
  // SemEval by held-out halves: alternate candidate pairs (in the order the
  // relate stage met them), each half scored by a fit on every other row.
  const se = data.rows.filter((r) => r.source === 'semeval');
  const half = new Map(se.map((r, k) => [r, k % 2]));
  let linkedOut = 0;
  for (const h of [0, 1]) {
    const model = await fitDerivation(data.rows.filter((r) => half.get(r) !== h));
    for (const r of se)
      if (half.get(r) === h && derivationProbability(model, r.features) >= DERIVATION_CUT)
        linkedOut++;
    log(`derivation model: SemEval half ${h + 1}`);
  }
  const share = (k: number) => (se.length ? k / se.length : 0);
  const semeval: SemevalHalves = {
    pairs: se.length,
    outOfSample: share(linkedOut),
    inSample: share(
      se.filter((r) => derivationProbability(full, r.features) >= DERIVATION_CUT).length,
    ),
    cascade: share(se.filter((r) => r.cascade).length),
  };
  return { clough, reuse, semeval, heldOut };
}

/** One bin of a reliability table. */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly meanP: number;
  readonly observed: number;
}

/**
 * Reliability table over equal-width bins of P and the expected calibration
 * error: Σ (n_bin / n) · |mean P − observed share derived|.
 */
export function reliability(
  rows: readonly HeldOutRow[],
  bins = 10,
): { table: ReliabilityBin[]; ece: number } {
  const table: ReliabilityBin[] = [];
  let ece = 0;
  for (let k = 0; k < bins; k++) {
    const from = k / bins;
    const to = (k + 1) / bins;
    const inBin = rows.filter((r) => r.p >= from && (k === bins - 1 ? r.p <= to : r.p < to));
    const n = inBin.length;
    const meanP = n ? inBin.reduce((s, r) => s + r.p, 0) / n : 0;
    const observed = n ? inBin.filter((r) => r.label === 1).length / n : 0;
    table.push({ from, to, n, meanP, observed });
    if (rows.length) ece += (n / rows.length) * Math.abs(meanP - observed);
  }
  return { table, ece };
}
