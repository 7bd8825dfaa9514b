/**
 * Labelled candidate pairs for the derivation model: each corpus is run
 * through the whole pipeline and the relate stage reports every candidate
 * pair it aligned (`onCandidate`), with its features and the rule cascade's
 * verdict. Labels are attached here, after the run, from what generated or
 * labelled each corpus:
 *
 * - synthetic: families from @stemma/generate (seed DERIVATION_SYNTHETIC_SEED,
 *   not the synthetic set's seed): two stories of one lineage (an edge, or
 *   joined through edges and hidden sources) are derived; decoys and fillers
 *   are not derived from anything (a decoy against its own family's stories
 *   is a hard negative, group SYNTHETIC_DECOY_GROUP);
 * - reuse: the multilingual-reuse set's pairs and corpora: wholly and
 *   partially derived pairs are derived, "not" pairs and pairs across the
 *   corpus's unrelated articles are not;
 * - clough: Clough-Stevenson answers against their task's source (cut,
 *   light, heavy derived; non not); answer-to-answer pairs are left out;
 * - semeval: the SemEval-2022 Task 8 articles as one corpus: none copies
 *   another by construction, so every candidate pair is a negative.
 *
 * An *item* is a labelled document pair (a reuse pair, a Clough answer): it
 * is called derived when any candidate between its two documents is, and
 * not derived when none is or when the pipeline never made it a candidate.
 */

import fs from 'node:fs';
import path from 'node:path';
import { runPipeline, type CandidatePair, type DerivationFeatures } from '@stemma/core';
import { generateCorpus, writeDocuments, type Family } from '@stemma/generate';
import { listTexts, readLabels } from './sets/clough-stevenson.js';
import { reuseCorpora } from './reuse-corpora.js';
import { parseSemeval, readSemevalFile } from './sets/semeval2022-task8.js';

/**
 * Seed of the training families: not the synthetic set's 2026
 * (sets/synthetic.ts SYNTHETIC_SEED), so that set stays unseen. Every
 * synthetic row of the fit (derived pairs, decoys, fillers) comes from this
 * seed's families; the eval's families are never drawn.
 */
export const DERIVATION_SYNTHETIC_SEED = 1;
/**
 * Group of the synthetic candidate pairs between a decoy and a story of its
 * own family: an independent report of the same event (own prose, a shared
 * quotation, the same names and numbers), the hard negatives of the
 * generated data, weighed as a stratum of their own (derivation-fit.ts).
 */
export const SYNTHETIC_DECOY_GROUP = 'synthetic-decoy';
/**
 * Group of the synthetic candidate pairs between a spun copy (the
 * generator's synonym spinner run over a story of the family) and a story
 * of its own lineage: copying that keeps the skeleton and swaps the words,
 * the hard positives of the generated data (weighed inside the synthetic
 * stratum: derivation-fit.ts stratumOf says why).
 */
export const SYNTHETIC_SPUN_GROUP = 'synthetic-spun';
const SYNTHETIC_FAMILIES = 60;

export type RowSource = 'synthetic' | 'reuse' | 'clough' | 'semeval';

/** One labelled candidate pair. */
export interface CandidateRow {
  readonly source: RowSource;
  /**
   * What a leave-one-out fold holds out by: the Clough task letter, the reuse
   * language(s) ("de", or "de+fr" for a pair across two pairs), else the source.
   */
  readonly group: string;
  /** The labelled document pair the row belongs to, if any. */
  readonly item: string | null;
  readonly label: 0 | 1;
  readonly features: DerivationFeatures;
  readonly cascade: boolean;
  /** The two story ids of the candidate pair (ids only, no text), for error analysis. */
  readonly pair?: readonly [string, string];
}

/** A labelled document pair, scored through its candidate rows. */
export interface LabelledItem {
  readonly id: string;
  readonly source: RowSource;
  readonly group: string;
  readonly label: 0 | 1;
}

export interface DerivationData {
  readonly rows: readonly CandidateRow[];
  readonly items: readonly LabelledItem[];
  /** One line per source: corpora, candidates, positives. */
  readonly notes: readonly string[];
}

/** SemEval's Overall score (1 very similar … 4 dissimilar) up to which a pair reports one event. */
const SAME_EVENT_OVERALL = 2;
/** Group of the SemEval candidate pairs between two same-event articles. */
export const SAME_EVENT_GROUP = 'semeval-same-event';

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** The document a story id belongs to ("<doc>#<n>" → "<doc>"). */
const docOf = (story: string) => story.replace(/#\d+$/, '');

/** Runs one corpus and returns every candidate pair the relate stage aligned. */
async function candidatesOf(paths: readonly string[]): Promise<CandidatePair[]> {
  const out: CandidatePair[] = [];
  await runPipeline(paths, { onCandidate: (c) => out.push(c) });
  return out;
}

/** Story → lineage id: stories joined by true edges (hidden sources included) share one. */
function lineages(f: Family): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const r of f.relations) {
    const [x, y] = [find(r.parent), find(r.child)];
    if (x !== y) parent.set(y, x);
  }
  const out = new Map<string, string>();
  for (const r of f.relations) {
    out.set(r.parent, find(r.parent));
    out.set(r.child, find(r.child));
  }
  return out;
}

async function synthetic(
  workDir: string,
  families: number,
  log: (line: string) => void,
): Promise<CandidateRow[]> {
  const rows: CandidateRow[] = [];
  const batches = generateCorpus({ families, seed: DERIVATION_SYNTHETIC_SEED });
  for (const [i, b] of batches.entries()) {
    const paths = writeDocuments(path.join(workDir, `synthetic-${i + 1}`), b.families);
    const lineage = new Map(b.families.flatMap((f) => [...lineages(f)]));
    // Each decoy with its family: an independent report of the same event.
    const decoyOf = new Map(
      b.families.flatMap((f) =>
        f.stories.filter((s) => s.role === 'decoy').map((s) => [s.id, f.id]),
      ),
    );
    const familyOf = new Map(b.families.flatMap((f) => f.stories.map((s) => [s.id, f.id])));
    const spun = new Set(
      b.families.flatMap((f) => f.stories.filter((s) => s.role === 'spun').map((s) => s.id)),
    );
    for (const c of await candidatesOf(paths)) {
      const [x, y] = [lineage.get(c.a), lineage.get(c.b)];
      const label = x !== undefined && x === y ? 1 : 0;
      const sameEvent =
        label === 0 &&
        (decoyOf.has(c.a) || decoyOf.has(c.b)) &&
        familyOf.get(c.a) === familyOf.get(c.b);
      const spunPair = label === 1 && (spun.has(c.a) || spun.has(c.b));
      const group = sameEvent
        ? SYNTHETIC_DECOY_GROUP
        : spunPair
          ? SYNTHETIC_SPUN_GROUP
          : 'synthetic';
      rows.push({ source: 'synthetic', group, item: null, label, ...pick(c) });
    }
    log(`derivation data: synthetic corpus ${i + 1}/${batches.length}`);
  }
  return rows;
}

const pick = (c: CandidatePair) => ({
  features: c.features,
  cascade: c.cascade,
  pair: [c.a, c.b] as const,
});

async function reuse(
  evalDir: string,
  workDir: string,
  perLang: number | undefined,
  log: (line: string) => void,
): Promise<{ rows: CandidateRow[]; items: LabelledItem[] }> {
  const rows: CandidateRow[] = [];
  const items: LabelledItem[] = [];
  const { corpora } = reuseCorpora(evalDir, perLang);
  for (const [i, corpus] of corpora.entries()) {
    const dir = path.join(workDir, `reuse-${i + 1}`);
    fs.mkdirSync(dir, { recursive: true });
    const byDoc = new Map<string, { k: number; lang: string }>();
    corpus.forEach((p, k) => {
      fs.writeFileSync(path.join(dir, `p${k + 1}-a.txt`), p.sourceText);
      fs.writeFileSync(path.join(dir, `p${k + 1}-b.txt`), p.candidateText);
      byDoc.set(`p${k + 1}-a`, { k, lang: p.lang });
      byDoc.set(`p${k + 1}-b`, { k, lang: p.lang });
      const label = p.label === 'not' ? 0 : 1;
      items.push({ id: `reuse:${p.id}`, source: 'reuse', group: p.lang, label });
    });
    for (const c of await candidatesOf([dir])) {
      const x = byDoc.get(docOf(c.a));
      const y = byDoc.get(docOf(c.b));
      if (!x || !y) continue;
      const p = corpus[x.k]!;
      const same = x.k === y.k;
      rows.push({
        source: 'reuse',
        group: x.lang === y.lang ? x.lang : [x.lang, y.lang].sort().join('+'),
        item: same ? `reuse:${p.id}` : null,
        label: same && p.label !== 'not' ? 1 : 0,
        ...pick(c),
      });
    }
    log(`derivation data: reuse corpus ${i + 1}/${corpora.length}`);
  }
  return { rows, items };
}

async function clough(
  evalDir: string,
  workDir: string,
  log: (line: string) => void,
): Promise<{ rows: CandidateRow[]; items: LabelledItem[] }> {
  const root = path.join(evalDir, 'clough-stevenson');
  const textsDir = path.join(root, 'texts');
  const { sources, answers } = listTexts(textsDir);
  const rows: CandidateRow[] = [];
  const runs: { task: string; source: string; candidates: CandidatePair[] }[] = [];
  for (const [task, source] of sources) {
    const dir = path.join(workDir, `clough-${task}`);
    fs.mkdirSync(dir, { recursive: true });
    const mine = answers.filter((a) => a.task === task);
    for (const f of [source, ...mine.map((a) => a.file)])
      fs.copyFileSync(path.join(textsDir, f), path.join(dir, f));
    runs.push({
      task,
      source: source.replace(/\.txt$/, ''),
      candidates: await candidatesOf([dir]),
    });
    log(`derivation data: clough task ${task}`);
  }
  // Labels only now, after every run.
  const labels = readLabels(fs.readFileSync(path.join(root, 'labels.csv'), 'utf8'));
  const items: LabelledItem[] = answers
    .filter((a) => labels.has(a.file))
    .map((a) => ({
      id: `clough:${a.file.replace(/\.txt$/, '')}`,
      source: 'clough',
      group: a.task,
      label: labels.get(a.file) === 'non' ? 0 : 1,
    }));
  const labelOf = new Map(items.map((it) => [it.id, it.label]));
  for (const { task, source, candidates } of runs) {
    for (const c of candidates) {
      const [x, y] = [docOf(c.a), docOf(c.b)];
      const answer = x === source ? y : y === source ? x : null;
      const label = answer === null ? undefined : labelOf.get(`clough:${answer}`);
      if (label === undefined) continue; // answer against answer: no label
      rows.push({ source: 'clough', group: task, item: `clough:${answer}`, label, ...pick(c) });
    }
  }
  return { rows, items };
}

async function semeval(
  evalDir: string,
  workDir: string,
  pairs: number | undefined,
  log: (line: string) => void,
): Promise<CandidateRow[]> {
  const parsed = parseSemeval(readSemevalFile(evalDir));
  const chosen = pairs === undefined ? parsed.pairs : parsed.pairs.slice(0, pairs);
  const dir = path.join(workDir, 'semeval');
  fs.mkdirSync(dir, { recursive: true });
  for (const id of new Set(chosen.flatMap((p) => [p.a, p.b])))
    fs.writeFileSync(path.join(dir, `${id}.txt`), parsed.articles.get(id)!);
  // Same-event pairs (a labelled pair with Overall ≤ 2: two outlets' own
  // reports of one story) are the hard negatives, the ones that look like
  // copying; the group keeps them apart so the fit can weigh them as such.
  const sameEvent = new Set(
    chosen
      .filter((p) => (parsed.overall.get(p.id) ?? 4) <= SAME_EVENT_OVERALL)
      .map((p) => pairKey(p.a, p.b)),
  );
  const rows = (await candidatesOf([dir])).map((c): CandidateRow => ({
    source: 'semeval',
    group: sameEvent.has(pairKey(docOf(c.a), docOf(c.b))) ? SAME_EVENT_GROUP : 'semeval',
    item: null,
    label: 0,
    ...pick(c),
  }));
  log(`derivation data: semeval, ${rows.length} candidate pairs`);
  return rows;
}

/**
 * Runs the four sources and labels their candidate pairs. `quick` uses
 * fewer families, reuse sources and SemEval pairs.
 * @throws Error when a data folder cannot be read.
 */
export async function collectDerivationData(opts: {
  readonly evalDir: string;
  readonly workDir: string;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}): Promise<DerivationData> {
  const log = opts.log ?? (() => {});
  const quick = opts.quick === true;
  const syn = await synthetic(opts.workDir, quick ? 10 : SYNTHETIC_FAMILIES, log);
  const re = await reuse(opts.evalDir, opts.workDir, quick ? 5 : undefined, log);
  const cl = await clough(opts.evalDir, opts.workDir, log);
  const se = await semeval(opts.evalDir, opts.workDir, quick ? 150 : undefined, log);
  const rows = [...syn, ...re.rows, ...cl.rows, ...se];
  const line = (name: string, rs: readonly CandidateRow[]) =>
    `${name}: ${rs.length} candidate pairs, ${rs.filter((r) => r.label === 1).length} derived`;
  return {
    rows,
    items: [...re.items, ...cl.items],
    notes: [
      line(
        `synthetic (seed ${DERIVATION_SYNTHETIC_SEED}, ${quick ? 10 : SYNTHETIC_FAMILIES} families)`,
        syn,
      ),
      `of which between a decoy and a story of its own family (an independent report of the same event, weighed as a stratum of their own): ${syn.filter((r) => r.group === SYNTHETIC_DECOY_GROUP).length}`,
      `of which between a spun copy and a story of its own lineage (synonyms swapped, skeleton kept): ${syn.filter((r) => r.group === SYNTHETIC_SPUN_GROUP).length}`,
      line('multilingual reuse', re.rows),
      line('Clough-Stevenson source–answer', cl.rows),
      line('SemEval same-language articles', se),
      `of which between two articles annotated as one story (Overall ≤ ${SAME_EVENT_OVERALL}, weighed as a stratum of their own): ${se.filter((r) => r.group === SAME_EVENT_GROUP).length}`,
    ],
  };
}
