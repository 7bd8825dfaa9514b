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
 * Besides each generated wholly derived copy without a new lead sentence
 * (the generator gives half of them one from the same-event article: a
 * small share of the whole copy, a large one of its top), its top: the copy
 * cut after 30–70% of its sentences (at least two), still wholly derived, since the
 * label says where the copy's text comes from, not how much of the source
 * it uses, and newspapers often run only the top of an agency story. The
 * generator's wholly derived copies keep at least 85% of the source's
 * sentences; without the cut copies the model learned that a copy using
 * little of its source is partially derived (held out by language it
 * called 82% of such cut copies partially; `npm run fit:extent` prints
 * it). In the fit, wholly derived rows weigh so that the two classes weigh
 * the same (fitExtent). No partially
 * derived copy is cut: its top may hold only kept sentences, which would
 * make it wholly derived, and the generator does not say which.
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
  fnv1a,
  seededRandom,
  type ExtentMeasureName,
  type ExtentMeasures,
  type ExtentModel,
} from '@stemma/core';
import { fitLogistic } from './fit-logistic.js';
import { reuseCorpus, reuseParagraphs, type ReuseArticle, type ReusePair } from '@stemma/generate';
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
  /** A wholly derived copy cut to its top (see the header). */
  readonly cut: boolean;
  readonly x: readonly number[];
}

/** Paragraphs of a generated text (blank-line separated, as the pipeline reads a .txt). */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The top of a generated copy: its first `share` of sentences (at least
 * two), paragraphs kept as they are.
 */
export function cutCopy(text: string, lang: string, share: number): string {
  const paragraphs = reuseParagraphs(text, lang);
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  let left = Math.max(2, Math.round(total * share));
  const out: string[] = [];
  for (const p of paragraphs) {
    if (left <= 0) break;
    out.push(p.slice(0, left).join(' '));
    left -= p.length;
  }
  return `${out.join('\n\n')}\n`;
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
      const base = {
        inEval: p.articles.some((id) => excluded.has(id)),
        lang: p.lang,
        wholly: p.label === 'wholly' ? (1 as const) : (0 as const),
      };
      rows.push({ ...base, id: `${p.id}@${seed}`, cut: false, x: measureRow(p) });
      // A new lead from another outlet is a small share of a whole copy but not of its top.
      if (p.label !== 'wholly' || p.operations.some((o) => o.startsWith('new lead'))) continue;
      const rng = seededRandom(fnv1a(`${p.id}@${seed}:cut`));
      const top = cutCopy(p.candidateText, p.lang, 0.3 + 0.4 * rng());
      rows.push({
        ...base,
        id: `${p.id}@${seed}:cut`,
        cut: true,
        x: measureRow({ ...p, candidateText: top }),
      });
    }
  }
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  const notes = [
    `multilingual reuse generator (generate/src/reuse.ts) seeds ${EXTENT_TRAIN_SEEDS.join(', ')} over the SemEval-2022 Task 8 articles: ${rows.length} pairs (${rows.filter((r) => r.wholly && !r.cut).length} wholly derived, ${rows.filter((r) => r.cut).length} of those cut to their top 30-70% of sentences, ${rows.filter((r) => !r.wholly).length} partially derived), ${rows.filter((r) => r.inEval).length} of them made from an article that also stands in an eval pair (seed 2208, other edits)`,
    `languages: ${langs.map((l) => `${l} ${rows.filter((r) => r.lang === l).length}`).join(', ')}`,
  ];
  return { rows, notes };
}

/** How the extent model is fitted: fixed, not searched. */
export const EXTENT_FIT = { steps: 1500, learningRate: 0.05, l2: 1e-3 } as const;

/**
 * Fits the extent model on rows, each language and within it each class
 * counting the same (row weight 1 / rows of its language and class), with TF.js on the cpu backend
 * (deterministic: weights from zero, full-batch Adam).
 * @throws CoreError INVALID_OPTION when there are no rows.
 */
export async function fitExtent(rows: readonly ExtentRow[]): Promise<ExtentModel> {
  await tf.setBackend('cpu');
  // Each language the same, and within it each class (wholly derived rows, whole and cut, together).
  const count = new Map<string, number>();
  for (const r of rows)
    count.set(`${r.lang}:${r.wholly}`, (count.get(`${r.lang}:${r.wholly}`) ?? 0) + 1);
  const weight = new Map([...count].map(([k, n]) => [k, 1 / n]));
  const fitted = fitLogistic(
    EXTENT_MEASURE_NAMES,
    rows.map((r) => r.x),
    rows.map((r) => r.wholly),
    { ...EXTENT_FIT, rowWeights: rows.map((r) => weight.get(`${r.lang}:${r.wholly}`)!) },
  );
  return { header: {}, ...fitted };
}

/** P(wholly) of one row under a model. */
export function pWhollyOf(model: ExtentModel, x: readonly number[]): number {
  const named = Object.fromEntries(EXTENT_MEASURE_NAMES.map((n, j) => [n, x[j]!]));
  return extentVerdict(model, named as ExtentMeasures).pWholly;
}
