/**
 * Article-body extraction on real pages (scrapinghub/article-extraction-benchmark,
 * development half): the text Stemma keeps per page — the paragraphs of its
 * stories after ingest and segment — scored with the benchmark's own metric
 * against the human-marked article bodies, beside Readability.js alone on
 * the same parse.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractHtml, readabilityText, segment } from '@stemma/core';
import type { EvalContext, EvalSet, EvalSetResult, EvalTask } from '../types.js';

/** One page's shingle counts, normalised by their sum (the benchmark's `string_shingle_matching`). */
export interface ShingleMatch {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** Python's `\w+` on str: letters, digits (every numeric category) and "_". */
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Word 4-grams ("shingles") with counts; a text of fewer tokens is one shorter shingle. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const gram = tokens.slice(i, i + n);
    if (gram.length === 0) continue;
    const key = gram.join('\u0000');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** True and predicted text → TP/FP/FN over 4-gram multisets, divided by their sum. */
export function shingleMatch(truth: string, predicted: string): ShingleMatch {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

const precisionOf = ({ tp, fp, fn }: ShingleMatch): number =>
  fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
const recallOf = ({ tp, fp, fn }: ShingleMatch): number =>
  fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Precision and recall averaged over pages (pages with nothing predicted
 * count for recall only, as in the benchmark's `metrics_from_tp_fp_fns`),
 * F1 their harmonic mean.
 */
export function extractionScores(matches: readonly ShingleMatch[]): {
  precision: number;
  recall: number;
  f1: number;
} {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** What Stemma keeps of a page: its stories' paragraphs after ingest and segment, joined. */
export function keptText(html: string, id: string): string {
  const content = extractHtml(html);
  const doc = {
    id,
    path: `${id}.html`,
    format: 'html' as const,
    text: content.text,
    meta: content.meta,
  };
  return segment(doc)
    .stories.flatMap((s) => s.paragraphs.map((p) => p.text))
    .join('\n\n');
}

const TARGET = 0.96;

export const articleExtraction: EvalSet = {
  name: 'article-extraction',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const dir = path.join(ctx.evalDir, 'article-extraction');
    const truthFile = path.join(dir, 'ground-truth.json');
    if (!existsSync(truthFile)) {
      return { set: this.name, skipped: `${dir} not found`, tasks: [], notes: [], seconds: 0 };
    }
    const keys = (await readdir(path.join(dir, 'html')))
      .filter((f) => f.endsWith('.html.gz'))
      .map((f) => f.slice(0, -'.html.gz'.length))
      .sort();
    const pages = ctx.quick ? keys.slice(0, 20) : keys;

    // Predict every page first; the labels are read only to score.
    const predicted = new Map<string, { stemma: string; readability: string }>();
    for (const [k, key] of pages.entries()) {
      const html = gunzipSync(await readFile(path.join(dir, 'html', `${key}.html.gz`))).toString(
        'utf8',
      );
      predicted.set(key, { stemma: keptText(html, key), readability: readabilityText(html) });
      if ((k + 1) % 20 === 0) ctx.log(`article-extraction: ${k + 1}/${pages.length} pages`);
    }
    const truth = JSON.parse(await readFile(truthFile, 'utf8')) as Record<
      string,
      { articleBody?: string }
    >;
    const score = (pick: 'stemma' | 'readability'): ReturnType<typeof extractionScores> =>
      extractionScores(
        pages.map((key) =>
          shingleMatch(truth[key]?.articleBody ?? '', predicted.get(key)?.[pick] ?? ''),
        ),
      );
    const ours = score('stemma');
    const base = score('readability');
    const task = (
      name: string,
      s: ReturnType<typeof extractionScores>,
      target: boolean,
    ): EvalTask => ({
      name,
      n: pages.length,
      figures: { precision: s.precision, recall: s.recall, f1: s.f1 },
      ...(target ? { target: { text: `F1 ≥ ${TARGET}`, met: s.f1 >= TARGET } } : {}),
    });
    return {
      set: this.name,
      tasks: [
        task('stemma kept text', ours, true),
        task('readability.js alone (baseline)', base, false),
      ],
      notes: [
        'metric: \\w+ tokens, word 4-gram multisets, per-page TP/FP/FN normalised by their sum; P and R averaged over pages (benchmark evaluate.py)',
        'development half (91 pages); the other half is held out',
        'baseline: @mozilla/readability textContent on the same linkedom parse',
        ...(ctx.quick ? ['quick: first 20 pages only'] : []),
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  },
};
