/**
 * Microsoft Research Paraphrase Corpus, training split: 4,076 news sentence
 * pairs, 1 = same meaning. Predict: every pair through `comparePassages`
 * (all sentences encoded in one batch). Score: one fixed threshold on the
 * pair score, chosen for accuracy on the first half of the file and
 * reported on the second half (and the other way round, as a check). The
 * same for the semantic and lexical channels alone, to see which separates.
 */

import fs from 'node:fs';
import path from 'node:path';
import { comparePassages, type PassageScores } from '@stemma/core';
import { classification } from '../metrics.js';
import type { ErrorCase, EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';

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

type Channel = 'score' | 'semantic' | 'lexical';

/** Threshold chosen on `tune`, accuracy and F1 (class 1) on `test`. */
export function heldOut(
  tune: readonly { score: number; label: 0 | 1 }[],
  test: readonly { score: number; label: 0 | 1 }[],
) {
  const t = bestThreshold(tune);
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
  const all = items('score');
  const first = all.slice(0, half);
  const second = all.slice(half);
  const main = heldOut(first, second);
  const swapped = heldOut(second, first);
  const channel = (ch: Channel) => heldOut(items(ch).slice(0, half), items(ch).slice(half));
  const sem = channel('semantic');
  const lex = channel('lexical');
  const majority =
    Math.max(...['1', '0'].map((l) => second.filter((i) => String(i.label) === l).length)) /
    (second.length || 1);
  const tasks: EvalTask[] = [
    {
      name: 'paraphrase vs not (pair score)',
      n: main.n,
      accuracy: main.accuracy,
      macroF1: main.macroF1,
      classes: main.classes,
      confusion: main.confusion,
      figures: {
        threshold: main.threshold,
        'F1 of paraphrase class': main.classes[0]!.f1,
        'majority-class accuracy': majority,
        'swapped halves accuracy': swapped.accuracy,
        'semantic alone accuracy': sem.accuracy,
        'lexical alone accuracy': lex.accuracy,
      },
      target: { text: 'accuracy ≥ 75%', met: main.accuracy >= 0.75 },
    },
  ];
  // The most confident errors each way on the reported half.
  const wrong = second
    .map((i, k) => ({ ...i, k: half + k }))
    .filter((i) => (i.score >= main.threshold ? 1 : 0) !== i.label)
    .sort((x, y) => Math.abs(y.score - main.threshold) - Math.abs(x.score - main.threshold));
  const pick = [
    ...wrong.filter((i) => i.label === 0).slice(0, 15),
    ...wrong.filter((i) => i.label === 1).slice(0, 15),
  ];
  const errors: ErrorCase[] = pick.map((i) => {
    const p = pairs[i.k]!;
    const s = predictions[i.k]!;
    const fp = i.label === 0;
    return {
      task: fp
        ? 'false paraphrase (score above threshold)'
        : 'missed paraphrase (score below threshold)',
      item: p.id,
      expected: fp ? 'not paraphrase' : 'paraphrase',
      predicted: fp ? 'paraphrase' : 'not paraphrase',
      stories: [
        { id: 'sentence 1', title: null, excerpt: p.a },
        { id: 'sentence 2', title: null, excerpt: p.b },
      ],
      scores: { ...s, threshold: main.threshold },
      signal: fp
        ? s.lexical >= 0.5
          ? `shared wording (lexical ${s.lexical.toFixed(2)}) despite a change of meaning`
          : `semantic similarity ${s.semantic.toFixed(2)} (related sentences, different claims)`
        : s.lexical < 0.3
          ? `reworded: little shared wording (lexical ${s.lexical.toFixed(2)}) and semantic ${s.semantic.toFixed(2)}`
          : `semantic ${s.semantic.toFixed(2)} too low for the shared wording (lexical ${s.lexical.toFixed(2)})`,
    };
  });
  const notes = [
    `threshold chosen for accuracy on pairs 1–${half} (file order), reported on pairs ${half + 1}–${pairs.length}; semantic/lexical alone and the swapped halves the same way`,
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
      notes: [...(ctx.quick ? ['quick: first 1,000 pairs'] : []), ...notes],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};
