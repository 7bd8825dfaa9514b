/**
 * Synthetic textual traditions from @stemma/generate (`generateTradition`):
 * an invented original copied along a random rooted tree with seeded word
 * substitutions, omissions, transpositions and additions, some branching
 * copies and sometimes the original lost. The artificial benchmarks of
 * stemmatology (Roos & Heikkilä 2009), on news text.
 *
 * Predict: each tradition is one corpus of plain-text files, one per extant
 * witness, analysed with `analyze` twice: with a date line (dates consistent
 * with the tree) and without. The true tree stays in memory until scoring.
 * Score: directed edges and direction (shared tree metrics), ancestry,
 * rooted triplets, and lost intermediaries found by cluster.
 */

import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '@stemma/core';
import { generateTradition, type Tradition } from '@stemma/generate';
import {
  stemmaScores,
  treeFigures,
  treeMetrics,
  type ParentMap,
  type StemmaScores,
  type TreeMetrics,
} from '../metrics.js';
import type { ErrorCase, EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';
import { treeLines, witnessTree } from './stemma-view.js';

/**
 * Fixed seed of the evaluated traditions; changing it changes every figure.
 * Nothing is chosen on it: the reading-tree constants are chosen on the
 * training seeds of `traditions-train.js` (1000 onwards).
 */
export const TRADITIONS_SEED = 4242;
const TRADITIONS = 12;
const QUICK_TRADITIONS = 3;
/** Copies per tradition: 13 texts before losses, like the florilegium's 13 witnesses. */
const COPIES = 12;
const MAX_ERRORS = 24;

interface Scored {
  readonly tree: TreeMetrics;
  readonly stemma: StemmaScores;
}

/** Sums the stemma counts over traditions and recomputes the shares. */
function pooled(all: readonly StemmaScores[]) {
  const sum = (k: keyof StemmaScores) => all.reduce((s, x) => s + x[k], 0);
  const share = (num: number, den: number) => (den ? num / den : 0);
  return {
    ancestryPrecision: share(sum('ancestorPairsRight'), sum('predictedAncestorPairs')),
    ancestryRecall: share(sum('ancestorPairsRight'), sum('trueAncestorPairs')),
    resolvedTriplets: sum('resolvedTriplets'),
    resolvedTripletAgreement: share(sum('tripletsAgreeing'), sum('resolvedTriplets')),
    leftUnresolved: sum('leftUnresolved'),
    trueLost: sum('trueLost'),
    lostFound: sum('lostFound'),
    lostRecall: share(sum('lostFound'), sum('trueLost')),
    predictedLost: sum('predictedLost'),
    lostPrecision: share(sum('predictedLostMatched'), sum('predictedLost')),
  };
}

/** One tradition's truth and prediction, scored. */
export function scoreTradition(t: Tradition, predicted: ParentMap): Scored {
  const observed = new Set(t.witnesses.map((w) => w.id));
  return {
    tree: treeMetrics({ truth: t.parent, predicted, observed }),
    stemma: stemmaScores({ truth: t.parent, predicted, observed }),
  };
}

/** The tasks of one run (dated or undated) over every tradition. */
function tasksOf(
  label: string,
  scored: readonly Scored[],
  truths: readonly Tradition[],
  preds: readonly ParentMap[],
  edgeTarget: number,
): EvalTask[] {
  // Tree metrics over the union of the traditions (ids are unique per tradition).
  const truth = new Map(truths.flatMap((t) => [...t.parent]));
  const predicted = new Map(preds.flatMap((p) => [...p]));
  const observed = new Set(truths.flatMap((t) => t.witnesses.map((w) => w.id)));
  const tree = treeMetrics({ truth, predicted, observed });
  const s = pooled(scored.map((x) => x.stemma));
  const pct = Math.round(edgeTarget * 100);
  return [
    {
      name: `${label}: edges (parent → child)`,
      n: tree.trueEdges,
      figures: treeFigures(tree),
      target: {
        text: `≥ ${pct}% of edges right with direction (precision and recall)`,
        met: tree.edgePrecision >= edgeTarget && tree.edgeRecall >= edgeTarget,
      },
    },
    {
      name: `${label}: rooted triplets and ancestry`,
      n: s.resolvedTriplets,
      figures: {
        'resolved-triplet agreement': s.resolvedTripletAgreement,
        'left unresolved': s.leftUnresolved,
        'all-triplet agreement': tree.tripletAgreement,
        'ancestry precision': s.ancestryPrecision,
        'ancestry recall': s.ancestryRecall,
      },
      target: { text: 'rooted-triplet agreement ≥ 0.85', met: s.resolvedTripletAgreement >= 0.85 },
    },
    {
      name: `${label}: lost intermediaries (by cluster)`,
      n: s.trueLost,
      accuracy: s.lostRecall,
      figures: {
        found: s.lostFound,
        'Stemma hidden nodes': s.predictedLost,
        precision: s.lostPrecision,
      },
      target: {
        text: 'lost intermediaries found ≥ 80%',
        met: s.trueLost > 0 && s.lostRecall >= 0.8,
      },
    },
  ];
}

/** Which traditions to run: `count` consecutive seeds from `seed`. */
export interface TraditionRun {
  readonly seed: number;
  readonly count: number;
  /** Dated, undated or both (default both). */
  readonly modes?: readonly ('dated' | 'undated')[];
}

/**
 * Generates `run.count` traditions from `run.seed` on, analyses each dated
 * and undated, and scores them. The eval set runs it on {@link TRADITIONS_SEED};
 * `traditions-train.js` on the training seeds the reading-tree constants are
 * chosen on.
 */
export async function runTraditions(
  ctx: EvalContext,
  run: TraditionRun,
): Promise<Pick<EvalSetResult, 'tasks' | 'errors' | 'notes'>> {
  const { seed, count } = run;
  const tasks: EvalTask[] = [];
  const errors: ErrorCase[] = [];
  const notes: string[] = [];
  for (const label of run.modes ?? (['dated', 'undated'] as const)) {
    const dated = label === 'dated';
    const truths: Tradition[] = [];
    const preds: Map<string, string | null>[] = [];
    const scored: Scored[] = [];
    let split = 0;
    for (let k = 0; k < count; k++) {
      const t = generateTradition({
        seed: seed + k,
        copies: COPIES,
        dated,
        id: `t${String(k + 1).padStart(2, '0')}`,
      });
      const dir = path.join(ctx.workDir, label, t.id);
      fs.mkdirSync(dir, { recursive: true });
      // Texts only: the tree stays in memory.
      const paths = t.witnesses.map((w) => {
        const p = path.join(dir, `${w.id}.txt`);
        fs.writeFileSync(p, w.text);
        return p;
      });
      const report = await analyze(paths);
      const { tree, notOneStory } = witnessTree(
        report,
        t.witnesses.map((w) => w.id),
      );
      split += notOneStory.length;
      const s = scoreTradition(t, tree);
      truths.push(t);
      preds.push(tree);
      scored.push(s);
      if (errors.length < MAX_ERRORS && (s.tree.edgeRecall < 1 || s.stemma.lostRecall < 1)) {
        errors.push({
          task: `${label} tradition`,
          item: `${t.id} (${t.seed}, ${t.witnesses.length} witnesses, ${t.nodes.length - t.witnesses.length} lost)`,
          expected: treeLines(t.parent).join('; '),
          predicted: treeLines(tree).join('; '),
          stories: [],
          signal: `edge recall ${s.tree.edgeRecall.toFixed(2)}, lost found ${s.stemma.lostFound}/${s.stemma.trueLost}`,
        });
      }
      ctx.log(
        `synthetic-traditions: ${label} ${k + 1}/${count} analysed (${paths.length} witnesses)`,
      );
    }
    tasks.push(...tasksOf(label, scored, truths, preds, dated ? 0.9 : 0.8));
    if (split) notes.push(`${label}: ${split} witnesses not read as one story`);
    if (label === (run.modes ?? ['dated'])[0]) {
      const w = truths.reduce((n, t) => n + t.witnesses.length, 0);
      const lost = truths.reduce((n, t) => n + t.nodes.length - t.witnesses.length, 0);
      const rootLost = truths.filter((t) => !t.nodes[0]!.extant).length;
      notes.push(
        `seed ${seed}, ${count} traditions${ctx.quick ? ' (quick)' : ''} of ${COPIES + 1} texts: ${w} extant witnesses, ${lost} lost nodes (${rootLost} lost originals), each analysed dated and undated`,
      );
    }
  }
  return { tasks, errors, notes };
}

export const syntheticTraditions: EvalSet = {
  name: 'synthetic-traditions',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const count = ctx.quick ? QUICK_TRADITIONS : TRADITIONS;
    const { tasks, errors, notes } = await runTraditions(ctx, { seed: TRADITIONS_SEED, count });
    const seconds = (performance.now() - t0) / 1000;
    return {
      set: 'synthetic-traditions',
      tasks,
      errors,
      notes: [...notes, `whole set ${seconds.toFixed(0)} s`],
      seconds,
    };
  },
};
