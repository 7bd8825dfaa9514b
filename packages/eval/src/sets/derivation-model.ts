/**
 * The learned derivation verdict (issue 8): a logistic model over the
 * derivation features of each candidate pair, fitted with TF.js on a mixture
 * of synthetic families, multilingual reuse, Clough-Stevenson and SemEval
 * negatives (derivation-data.ts), judged out of sample against the rule
 * cascade that decides today.
 *
 * Folds: Clough-Stevenson leave-one-task-out and multilingual reuse
 * leave-one-language-out. Each fold fits on every candidate pair outside
 * its group (the other tasks or languages and all other sources) and scores
 * the group's labelled document pairs at the decision cut, which is chosen
 * on the pooled out-of-fold probabilities of these folds (derivation-fit.ts
 * chooseCut: one number, chosen on held-out pairs, not on any test).
 * Beside it: the fit on all pairs scored on the same items (in sample), the
 * gap between the two, and the cascade. SemEval (same-event articles, none
 * derived) by held-out halves: the share of its candidate pairs the model
 * links, against the cascade's share. The reliability table and the
 * expected calibration error are over held-out candidate pairs of every fold.
 */

import { collectDerivationData } from '../derivation-data.js';
import { fitDerivation, heldOutFolds, reliability, type FoldResult } from '../derivation-fit.js';
import type { EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';

const ECE_TARGET = 0.05;

/** One leave-one-out task: pooled out-of-sample accuracy, with each fold beside the in-sample and cascade figures. */
function foldTask(name: string, folds: readonly FoldResult[]): EvalTask {
  const n = folds.reduce((s, f) => s + f.items, 0);
  const pooled = (k: 'outOfSample' | 'inSample' | 'cascade') =>
    n ? folds.reduce((s, f) => s + f[k] * f.items, 0) / n : 0;
  const out = pooled('outOfSample');
  const cascade = pooled('cascade');
  const figures: Record<string, number> = {
    'accuracy in sample (fit on all)': pooled('inSample'),
    'gap (in − out of sample)': pooled('inSample') - out,
    'accuracy of the rule cascade': cascade,
  };
  for (const f of folds) {
    figures[`accuracy held out, ${f.name} (${f.items})`] = f.outOfSample;
    figures[`accuracy in sample, ${f.name}`] = f.inSample;
    figures[`accuracy cascade, ${f.name}`] = f.cascade;
  }
  return {
    name,
    n,
    accuracy: out,
    figures,
    target: {
      text: 'beats the cascade, no fold worse',
      met: out > cascade && folds.every((f) => f.outOfSample >= f.cascade),
    },
  };
}

export const derivationModel: EvalSet = {
  name: 'derivation-model',
  folder: 'clough-stevenson',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const data = await collectDerivationData({
      evalDir: ctx.evalDir,
      workDir: ctx.workDir,
      quick: ctx.quick,
      log: ctx.log,
    });
    const full = await fitDerivation(data.rows);
    const folds = await heldOutFolds(data, full, ctx.log);
    const { table, ece } = reliability(folds.heldOut);
    const tasks: EvalTask[] = [
      foldTask('Clough derived vs non, leave one task out', folds.clough),
      foldTask('reuse derived vs not, leave one language out', folds.reuse),
      {
        name: 'SemEval same-event pairs linked, held-out halves',
        n: folds.semeval.pairs,
        figures: {
          [`share linked, held out (P ≥ ${folds.cut})`]: folds.semeval.outOfSample,
          'share linked, in sample': folds.semeval.inSample,
          'share linked by the rule cascade': folds.semeval.cascade,
          [`same-event pairs (${folds.sameEvent.pairs}) linked, held out`]:
            folds.sameEvent.outOfSample,
          'same-event pairs linked by the rule cascade': folds.sameEvent.cascade,
        },
        target: {
          text: 'no more than the cascade',
          met: folds.semeval.outOfSample <= folds.semeval.cascade,
        },
      },
      {
        name: 'P(derived) calibration, held-out pairs',
        n: folds.heldOut.length,
        figures: {
          'expected calibration error (10 bins)': ece,
          'held-out pairs derived': folds.heldOut.filter((r) => r.label === 1).length,
        },
        target: { text: `ECE ≤ ${ECE_TARGET}`, met: ece <= ECE_TARGET },
      },
    ];
    const seconds = (performance.now() - t0) / 1000;
    return {
      set: 'derivation-model',
      tasks,
      notes: [
        ...data.notes,
        `cut ${folds.cut}, chosen on the pooled held-out pairs (chooseCut); an item is derived when any candidate pair between its two documents is; never a candidate = not derived, for the model and the cascade alike`,
        ...table.map(
          (b) =>
            `reliability P ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.n} pairs, mean P ${b.meanP.toFixed(3)}, derived ${b.observed.toFixed(3)}`,
        ),
        ...(ctx.quick ? ['quick: fewer families, reuse sources and SemEval pairs'] : []),
      ],
      seconds,
    };
  },
};
