/**
 * SemEval-2022 Task 8 news article similarity, training sample. None of the
 * pairs is a copy by construction; Overall 1–2 means the same story written
 * independently, 3–4 different stories.
 *
 * Predict: every article of a same-language pair is written once (articles
 * recur across pairs) as `<id>.txt` into one corpus, analysed once. For each
 * pair: the derivation relations between its two articles (either way), and
 * whether the report names an independent pair between the two articles'
 * lineage trees (Stemma names one pair per pair of trees). Scores are read
 * only afterwards. Cross-language pairs are left out (the issue's targets
 * are for same-language pairs).
 */

import fs from 'node:fs';
import path from 'node:path';
import { analyze, type Relation } from '@stemma/core';
import { derivationSignal, directionSignal, relationScores } from '../errors.js';
import { classification } from '../metrics.js';
import {
  edgesBetween,
  independentBetween,
  rootOf,
  storyOf,
  viewReport,
  type ReportView,
} from '../report-view.js';
import type { ErrorCase, EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';

export interface SemPair {
  readonly id: string;
  readonly lang: string;
  readonly a: string;
  readonly b: string;
}

export interface SemPrediction {
  readonly pair: string;
  readonly edges: readonly Relation[];
  /** The two articles are in one lineage tree (siblings under a hidden source included). */
  readonly sameTree: boolean;
  readonly independent: { readonly a: string; readonly b: string; readonly reason: string } | null;
}

/** The text of the set's pairs.jsonl under the eval folder (read by this set and multilingual-reuse). */
export function readSemevalFile(evalDir: string): string {
  return fs.readFileSync(path.join(evalDir, 'semeval2022-task8', 'pairs.jsonl'), 'utf8');
}

/** Parses pairs.jsonl: pairs and article texts, and the Overall scores apart. */
export function parseSemeval(text: string): {
  pairs: SemPair[];
  articles: Map<string, string>;
  overall: Map<string, number>;
} {
  const pairs: SemPair[] = [];
  const articles = new Map<string, string>();
  const overall = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const id = String(row['pair_id']);
    const [a, b] = id.split('_');
    if (!a || !b || row['lang1'] !== row['lang2']) continue;
    if (!articles.has(a)) articles.set(a, String(row['text1'] ?? ''));
    if (!articles.has(b)) articles.set(b, String(row['text2'] ?? ''));
    pairs.push({ id, lang: String(row['lang1']), a, b });
    overall.set(id, Number(row['Overall']));
  }
  return { pairs, articles, overall };
}

/** Stemma's verdict per pair from one report over all the articles. */
export function predictPairs(view: ReportView, pairs: readonly SemPair[]): SemPrediction[] {
  return pairs.map((p) => {
    const roots = (doc: string) =>
      new Set((view.storiesOf.get(doc) ?? []).map((s) => rootOf(view, s)));
    const rb = roots(p.b);
    return {
      pair: p.id,
      edges: edgesBetween(view, p.a, p.b),
      sameTree: [...roots(p.a)].some((r) => rb.has(r)),
      independent: independentBetween(view, p.a, p.b),
    };
  });
}

/** What the report says of a pair, as one label. */
export function verdict(p: SemPrediction): 'derived' | 'independent' | 'none' {
  return p.edges.length || p.sameTree ? 'derived' : p.independent ? 'independent' : 'none';
}

export function score(
  pairs: readonly SemPair[],
  predictions: readonly SemPrediction[],
  overall: ReadonlyMap<string, number>,
  view?: ReportView,
): { tasks: EvalTask[]; errors: ErrorCase[] } {
  const byId = new Map(predictions.map((p) => [p.pair, p]));
  const errors: ErrorCase[] = [];
  const stories = (p: SemPair) => (view ? [storyOf(view, p.a), storyOf(view, p.b)] : []);
  const withEdges = pairs.filter((p) => byId.get(p.id)!.edges.length > 0);
  const sameTree = pairs.filter((p) => byId.get(p.id)!.sameTree);
  for (const p of withEdges) {
    for (const r of byId.get(p.id)!.edges) {
      errors.push({
        task: 'derivation edge between a pair',
        item: `${p.id} (${p.lang}, Overall ${overall.get(p.id)?.toFixed(2)})`,
        expected: 'no derivation',
        predicted: `${r.parent} → ${r.child} (${r.kind})`,
        stories: stories(p),
        scores: relationScores(r),
        evidence: r.evidence,
        signal: `${derivationSignal(r)}; ${directionSignal(r)}`,
      });
    }
  }
  const same = pairs.filter((p) => (overall.get(p.id) ?? 9) <= 2);
  const different = pairs.filter((p) => (overall.get(p.id) ?? 0) >= 3);
  const isIndep = (p: SemPair) => verdict(byId.get(p.id)!) === 'independent';
  const recall = same.length ? same.filter(isIndep).length / same.length : 0;
  const falseAlarm = different.length ? different.filter(isIndep).length / different.length : 0;
  for (const p of same) {
    if (isIndep(p)) continue;
    const v = verdict(byId.get(p.id)!);
    errors.push({
      task: 'same story not reported independent (Overall ≤ 2)',
      item: `${p.id} (${p.lang}, Overall ${overall.get(p.id)?.toFixed(2)})`,
      expected: 'independent',
      predicted: v,
      stories: stories(p),
      signal:
        v === 'derived'
          ? 'linked by derivation instead (see the derivation errors)'
          : 'same-event test not met or never a candidate pair: no shared quotation and shared names below 20%, or no paragraphs close enough in the index',
    });
  }
  for (const p of different) {
    const ind = byId.get(p.id)!.independent;
    if (!ind || !isIndep(p)) continue;
    errors.push({
      task: 'different stories reported independent (Overall ≥ 3)',
      item: `${p.id} (${p.lang}, Overall ${overall.get(p.id)?.toFixed(2)})`,
      expected: 'none',
      predicted: 'independent',
      stories: stories(p),
      signal: `same-event test: ${ind.reason}`,
    });
  }
  const scoredPairs = [...same, ...different];
  const cls = classification(
    scoredPairs.map((p) => ((overall.get(p.id) ?? 0) <= 2 ? 'same story' : 'different story')),
    scoredPairs.map((p) => verdict(byId.get(p.id)!)),
    ['same story', 'different story'],
    ['independent', 'none', 'derived'],
  );
  const share = pairs.length ? withEdges.length / pairs.length : 0;
  const langs = [...new Set(pairs.map((p) => p.lang))].sort();
  const perLang: Record<string, number> = {};
  for (const l of langs) {
    const s = same.filter((p) => p.lang === l);
    if (s.length)
      perLang[`independent recall, ${l} (${s.length})`] = s.filter(isIndep).length / s.length;
  }
  const tasks: EvalTask[] = [
    {
      name: 'derivation edges within a pair',
      n: pairs.length,
      figures: {
        'pairs with an edge': withEdges.length,
        'share of pairs with an edge': share,
        'pairs in one lineage tree': sameTree.length,
      },
      // Issue 8's target (an earlier issue asked ≤ 2%).
      target: { text: '≤ 1.5% of pairs', met: share <= 0.015 },
    },
    {
      name: 'independent recall (Overall ≤ 2)',
      n: same.length,
      confusion: cls.confusion,
      figures: {
        recall,
        'false alarms: independent among Overall ≥ 3': falseAlarm,
        'Overall ≥ 3 pairs': different.length,
        ...perLang,
      },
      target: { text: 'recall ≥ 80%', met: recall >= 0.8 },
    },
  ];
  return { tasks, errors };
}

export const semeval2022Task8: EvalSet = {
  name: 'semeval2022-task8',
  folder: 'semeval2022-task8',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const parsed = parseSemeval(readSemevalFile(ctx.evalDir));
    const pairs = ctx.quick ? parsed.pairs.slice(0, 150) : parsed.pairs;
    const dir = path.join(ctx.workDir, 'semeval2022-task8');
    fs.mkdirSync(dir, { recursive: true });
    const ids = new Set(pairs.flatMap((p) => [p.a, p.b]));
    for (const id of ids) fs.writeFileSync(path.join(dir, `${id}.txt`), parsed.articles.get(id)!);
    ctx.log(
      `semeval2022-task8: ${pairs.length} same-language pairs, ${ids.size} articles in one corpus`,
    );
    const view = viewReport(await analyze([dir]));
    const predictions = predictPairs(view, pairs);
    // Overall scores only now.
    const { tasks, errors } = score(pairs, predictions, parsed.overall, view);
    return {
      set: 'semeval2022-task8',
      tasks,
      errors,
      notes: [
        ...(ctx.quick ? ['quick: first 150 same-language pairs'] : []),
        `one corpus of ${ids.size} articles; ${parsed.pairs.length} same-language pairs in the file, cross-language pairs left out`,
        `report: ${view.report.relations.length} relations, ${view.report.independent.length} independent pairs, ${view.report.warnings.length} warnings${view.report.warnings.length ? ` (first: ${view.report.warnings[0]!.replace(dir, '…')})` : ''}`,
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};
