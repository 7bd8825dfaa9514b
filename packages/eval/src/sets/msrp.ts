/**
 * Microsoft Research Paraphrase Corpus, training split: 4,076 news sentence
 * pairs, 1 = same meaning. Predict: every pair through `comparePassages`
 * (all sentences encoded in one batch). Score, on the second half of the
 * file (pairs 2039–4076) only:
 *  - the fitted model's `paraphraseProbability` at its own cut 0.5 (the
 *    logistic model was fitted on pairs 1–2038 by `npm run fit:paraphrase
 *    -w @stemma/eval`; nothing about the second half went into it), and at
 *    a threshold chosen for accuracy on the first half, as a check;
 *  - the align stage's single pair score at one threshold chosen on the first
 *    half (and the other way round), and the semantic and lexical channels
 *    alone the same way, for comparison with the model.
 */

import fs from 'node:fs';
import path from 'node:path';
import { comparePassages, type PassageScores } from '@stemma/core';
import { reliability } from '../derivation-fit.js';
import { classification } from '../metrics.js';
import type { ErrorCase, EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';

/** The most expected calibration error the paraphrase score may show held out (as for P(derived)). */
const ECE_TARGET = 0.05;

export interface MsrpPair {
  readonly id: string;
  readonly a: string;
  readonly b: string;
}

/** Parses the tab-separated file into pairs and labels (kept apart). */
export function parseMsrp(text: string): { pairs: MsrpPair[]; labels: Map<string, 0 | 1> } {
  const pairs: MsrpPair[] = [];
  const labels = new Map<string, 0 | 1>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.slice(1).forEach((line, k) => {
    const cols = line.split('\t');
    if (cols.length < 5) return;
    const id = `${k + 1}:${cols[1]}-${cols[2]}`;
    pairs.push({ id, a: cols[3]!, b: cols[4]! });
    labels.set(id, cols[0]!.trim() === '1' ? 1 : 0);
  });
  return { pairs, labels };
}

/**
 * The threshold with the best accuracy on the items (predict 1 when score ≥
 * threshold), over midpoints between consecutive scores; ties go to the
 * lower threshold.
 */
export function bestThreshold(items: readonly { score: number; label: 0 | 1 }[]): number {
  const sorted = [...items].sort((x, y) => x.score - y.score);
  // Start with everything predicted 1 (threshold below all scores).
  let right = sorted.filter((i) => i.label === 1).length;
  let best = right;
  let threshold = sorted.length ? sorted[0]!.score - 1e-9 : 0.5;
  for (let k = 0; k < sorted.length; k++) {
    // Raising the threshold past item k turns it to 0.
    right += sorted[k]!.label === 0 ? 1 : -1;
    const next = sorted[k + 1];
    if (next && next.score === sorted[k]!.score) continue;
    if (right > best) {
      best = right;
      threshold = next ? (sorted[k]!.score + next.score) / 2 : sorted[k]!.score + 1e-9;
    }
  }
  return threshold;
}

type Channel = 'score' | 'semantic' | 'lexical' | 'paraphraseProbability';

/** Threshold chosen on `tune` (or the given one), accuracy and F1 (class 1) on `test`. */
export function heldOut(
  tune: readonly { score: number; label: 0 | 1 }[],
  test: readonly { score: number; label: 0 | 1 }[],
  fixed?: number,
) {
  const t = fixed ?? bestThreshold(tune);
  const res = classification(
    test.map((i) => (i.label ? 'paraphrase' : 'not')),
    test.map((i) => (i.score >= t ? 'paraphrase' : 'not')),
    ['paraphrase', 'not'],
  );
  return { threshold: t, ...res };
}

export function score(
  pairs: readonly MsrpPair[],
  predictions: readonly PassageScores[],
  labels: ReadonlyMap<string, 0 | 1>,
): { tasks: EvalTask[]; errors: ErrorCase[]; notes: string[] } {
  const half = Math.floor(pairs.length / 2);
  const items = (ch: Channel) =>
    pairs.map((p, k) => ({ id: p.id, score: predictions[k]![ch], label: labels.get(p.id)! }));
  const split = (ch: Channel) => {
    const all = items(ch);
    return { first: all.slice(0, half), second: all.slice(half) };
  };
  const prob = split('paraphraseProbability');
  const model = heldOut(prob.first, prob.second, 0.5);
  const modelTuned = heldOut(prob.first, prob.second);
  const pair = split('score');
  const main = heldOut(pair.first, pair.second);
  const swapped = heldOut(pair.second, pair.first);
  const channel = (ch: Channel) => heldOut(split(ch).first, split(ch).second);
  const sem = channel('semantic');
  const lex = channel('lexical');
  const second = prob.second;
  const majority =
    Math.max(...['1', '0'].map((l) => second.filter((i) => String(i.label) === l).length)) /
    (second.length || 1);
  // The reports' paraphrase score is this probability: how well calibrated
  // it is, on the half the model never saw, beside the half it was fitted on.
  const asRows = (rows: readonly { score: number; label: 0 | 1 }[]) =>
    rows.map((r) => ({ p: r.score, label: r.label }));
  const calibration = reliability(asRows(prob.second));
  const calibrationInSample = reliability(asRows(prob.first));
  const tasks: EvalTask[] = [
    {
      name: "P(same meaning) calibration (the reports' paraphrase score), held-out half",
      n: prob.second.length,
      figures: {
        'expected calibration error (10 bins), held out': calibration.ece,
        'expected calibration error, in sample (pairs fitted on)': calibrationInSample.ece,
        'mean P, held out':
          prob.second.reduce((s, r) => s + r.score, 0) / (prob.second.length || 1),
        'share paraphrase, held out':
          prob.second.filter((r) => r.label === 1).length / (prob.second.length || 1),
      },
      target: { text: `ECE ≤ ${ECE_TARGET}`, met: calibration.ece <= ECE_TARGET },
    },
    {
      name: 'paraphrase vs not (fitted model, p ≥ 0.5)',
      n: model.n,
      accuracy: model.accuracy,
      macroF1: model.macroF1,
      classes: model.classes,
      confusion: model.confusion,
      figures: {
        threshold: model.threshold,
        'F1 of paraphrase class': model.classes[0]!.f1,
        'majority-class accuracy': majority,
        'accuracy, threshold tuned on 1st half': modelTuned.accuracy,
        'tuned threshold': modelTuned.threshold,
      },
      target: { text: 'accuracy ≥ 75%', met: model.accuracy >= 0.75 },
    },
    {
      name: 'paraphrase vs not (align pair score)',
      n: main.n,
      accuracy: main.accuracy,
      macroF1: main.macroF1,
      classes: main.classes,
      confusion: main.confusion,
      figures: {
        threshold: main.threshold,
        'F1 of paraphrase class': main.classes[0]!.f1,
        'swapped halves accuracy': swapped.accuracy,
        'semantic alone accuracy': sem.accuracy,
        'lexical alone accuracy': lex.accuracy,
      },
    },
  ];
  // The model's most confident errors each way on the reported half.
  const wrong = second
    .map((i, k) => ({ ...i, k: half + k }))
    .filter((i) => (i.score >= model.threshold ? 1 : 0) !== i.label)
    .sort((x, y) => Math.abs(y.score - model.threshold) - Math.abs(x.score - model.threshold));
  const pick = [
    ...wrong.filter((i) => i.label === 0).slice(0, 15),
    ...wrong.filter((i) => i.label === 1).slice(0, 15),
  ];
  const errors: ErrorCase[] = pick.map((i) => {
    const p = pairs[i.k]!;
    const s = predictions[i.k]!;
    const f = s.features;
    const fp = i.label === 0;
    return {
      task: fp
        ? 'false paraphrase (model probability ≥ 0.5)'
        : 'missed paraphrase (model probability < 0.5)',
      item: p.id,
      expected: fp ? 'not paraphrase' : 'paraphrase',
      predicted: fp ? 'paraphrase' : 'not paraphrase',
      stories: [
        { id: 'sentence 1', title: null, excerpt: p.a },
        { id: 'sentence 2', title: null, excerpt: p.b },
      ],
      scores: {
        paraphraseProbability: s.paraphraseProbability,
        score: s.score,
        ...f,
        threshold: model.threshold,
      },
      signal: fp
        ? f.contentDice >= 0.5
          ? `shared wording (content-word Dice ${f.contentDice.toFixed(2)}) despite a change of meaning${f.numberMismatch > 0 ? '' : ' the number and name checks did not see'}`
          : `soft word alignment ${f.softAlignMean.toFixed(2)} and semantic ${f.semantic.toFixed(2)}: related sentences, different claims`
        : f.numberMismatch > 0 || f.nameMismatch > 0
          ? `numbers/names differ (number mismatch ${f.numberMismatch.toFixed(2)}, name mismatch ${f.nameMismatch.toFixed(2)}) though the meaning is the same`
          : `reworded or extended: content-word Dice ${f.contentDice.toFixed(2)}, unmatched words ${f.unmatchedMax.toFixed(2)}, length ratio ${f.lengthRatio.toFixed(2)}`,
    };
  });
  const notes = [
    ...calibration.table.map(
      (b) =>
        `reliability of P(same meaning), held out, P ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.n} pairs, mean P ${b.meanP.toFixed(3)}, paraphrase ${b.observed.toFixed(3)}`,
    ),
    `fitted model: weights from pairs 1–2038 only (npm run fit:paraphrase -w @stemma/eval, packages/core/models/paraphrase-lr.json); reported on pairs ${half + 1}–${pairs.length} at p ≥ 0.5`,
    `align pair score, semantic/lexical alone: threshold chosen for accuracy on pairs 1–${half} (file order), reported on pairs ${half + 1}–${pairs.length}; the swapped halves the same way`,
  ];
  return { tasks, errors, notes };
}

export const msrp: EvalSet = {
  name: 'msrp',
  folder: 'msrp',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const file = path.join(ctx.evalDir, 'msrp', 'msr_paraphrase_train.txt');
    const parsed = parseMsrp(fs.readFileSync(file, 'utf8'));
    const pairs = ctx.quick ? parsed.pairs.slice(0, 1000) : parsed.pairs;
    ctx.log(`msrp: comparing ${pairs.length} sentence pairs`);
    const predictions = await comparePassages(pairs);
    const { tasks, errors, notes } = score(pairs, predictions, parsed.labels);
    return {
      set: 'msrp',
      tasks,
      errors,
      notes: [
        ...(ctx.quick
          ? [
              'quick: first 1,000 pairs; the fitted model trained on all of them, so its figure is NOT held out',
            ]
          : []),
        ...notes,
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};
