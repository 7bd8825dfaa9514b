/**
 * Training rows of the extent model (core classify/extent.ts): wholly and
 * partially derived pairs made by @stemma/generate's `reuseCorpus` from the
 * real SemEval-2022 Task 8 articles in all seven languages, with training
 * seeds (EXTENT_TRAIN_SEEDS), never the eval's seed REUSE_SEED. The
 * articles are the same pool the eval set draws from (leaving out the eval
 * pairs' articles leaves no Arabic or French source and 12 Turkish pairs):
 * the same source text is copied with other drops, trims, scrambles and
 * splices. `inEval` marks those rows; the eval's leave-one-language-out
 * figure fits without any article of the scored language, so it is free of
 * this overlap.
 *
 * Labels (METER): wholly derived = the copy's text comes from the source
 * (the generator's light edits: a few sentences dropped, trimmed or moved,
 * a few words inserted, maybe a new lead); partially derived = about half of
 * it does, the rest is rewritten, dropped or spliced in from another
 * outlet's article on the same event (generate/src/reuse.ts).
 *
 * The English synthetic families (generate/src/family.ts) are not used:
 * their kinds (verbatim, edited, paraphrase, spun, translated) say how a
 * whole text was rewritten, not how much of it was taken, so none maps to
 * "partially derived", and a paraphrase of the whole source is wholly
 * derived in METER's sense while sharing few passages: it would teach the
 * model that little reuse means "wholly".
 *
 * Measures are read from the two texts directly (extentMeasures), as the
 * report reads them from a relation's two stories: the pipeline is not run,
 * so the rows cost seconds.
 */

import * as tf from '@tensorflow/tfjs';
import {
  EXTENT_MEASURE_NAMES,
  extentMeasures,
  extentVerdict,
  type ExtentMeasureName,
  type ExtentMeasures,
  type ExtentModel,
} from '@stemma/core';
import { fitLogistic } from './fit-logistic.js';
import { reuseCorpus, type ReuseArticle, type ReusePair } from '@stemma/generate';
import { readSemevalFile } from './sets/semeval2022-task8.js';
import { reuseArticles, reuseCorpora } from './sets/multilingual-reuse.js';

/** Generator seeds of the training pairs (the eval's is REUSE_SEED, 2208). */
export const EXTENT_TRAIN_SEEDS = [11, 12, 13] as const;

/** One labelled training pair: its measures and whether it is wholly derived. */
export interface ExtentRow {
  readonly id: string;
  readonly lang: string;
  readonly wholly: 0 | 1;
  /** Whether one of its articles (source or donor) also stands in a pair of the eval set. */
  readonly inEval: boolean;
  readonly x: readonly number[];
}

/** Paragraphs of a generated text (blank-line separated, as the pipeline reads a .txt). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The measures of one generated pair, in EXTENT_MEASURE_NAMES order. */
export function measureRow(p: Pick<ReusePair, 'sourceText' | 'candidateText' | 'lang'>): number[] {
  const m = extentMeasures({
    parent: paragraphsOf(p.sourceText),
    child: paragraphsOf(p.candidateText),
    language: p.lang,
  });
  return EXTENT_MEASURE_NAMES.map((n: ExtentMeasureName) => m[n]);
}

/**
 * The training rows (see the header) and what they were made from.
 * @throws Error when the SemEval file cannot be read.
 */
export function extentTrainingRows(evalDir: string): { rows: ExtentRow[]; notes: string[] } {
  const articles: ReuseArticle[] = reuseArticles(readSemevalFile(evalDir));
  const { pairs: evalPairs } = reuseCorpora(evalDir);
  const excluded = new Set(evalPairs.flatMap((p) => p.articles));
  const rows: ExtentRow[] = [];
  for (const seed of EXTENT_TRAIN_SEEDS) {
    const made = reuseCorpus({ articles, seed, labels: ['wholly', 'partially'] });
    for (const p of made) {
      rows.push({
        inEval: p.articles.some((id) => excluded.has(id)),
        id: `${p.id}@${seed}`,
        lang: p.lang,
        wholly: p.label === 'wholly' ? 1 : 0,
        x: measureRow(p),
      });
    }
  }
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  const notes = [
    `multilingual reuse generator (generate/src/reuse.ts) seeds ${EXTENT_TRAIN_SEEDS.join(', ')} over the SemEval-2022 Task 8 articles: ${rows.length} pairs (${rows.filter((r) => r.wholly).length} wholly, ${rows.filter((r) => !r.wholly).length} partially derived), ${rows.filter((r) => r.inEval).length} of them made from an article that also stands in an eval pair (seed 2208, other edits)`,
    `languages: ${langs.map((l) => `${l} ${rows.filter((r) => r.lang === l).length}`).join(', ')}`,
  ];
  return { rows, notes };
}

/** How the extent model is fitted: fixed, not searched. */
export const EXTENT_FIT = { steps: 1500, learningRate: 0.05, l2: 1e-3 } as const;

/**
 * Fits the extent model on rows, each language counting the same (row
 * weights 1 / rows of its language), with TF.js on the cpu backend
 * (deterministic: weights from zero, full-batch Adam).
 * @throws CoreError INVALID_OPTION when there are no rows.
 */
export async function fitExtent(rows: readonly ExtentRow[]): Promise<ExtentModel> {
  await tf.setBackend('cpu');
  const perLang = new Map<string, number>();
  for (const r of rows) perLang.set(r.lang, (perLang.get(r.lang) ?? 0) + 1);
  const fitted = fitLogistic(
    EXTENT_MEASURE_NAMES,
    rows.map((r) => r.x),
    rows.map((r) => r.wholly),
    { ...EXTENT_FIT, rowWeights: rows.map((r) => 1 / perLang.get(r.lang)!) },
  );
  return { header: {}, ...fitted };
}

/** P(wholly) of one row under a model. */
export function pWhollyOf(model: ExtentModel, x: readonly number[]): number {
  const named = Object.fromEntries(EXTENT_MEASURE_NAMES.map((n, j) => [n, x[j]!]));
  return extentVerdict(model, named as ExtentMeasures).pWholly;
}
