/**
 * Synthetic lineage families from @stemma/generate: ten invented
 * originals (five topics) copied verbatim onto aggregator pages, lightly
 * edited, WordNet-spun, translation-rewritten and paraphrased in chains of
 * depth up to 3, with independent decoy reports and, in one family in four,
 * the original removed so its copies are siblings of a hidden source.
 *
 * Predict: each batch of families (one per original, so no original appears
 * twice in a corpus) is written to the work folder and analysed with
 * `analyze`; the truth is kept in memory and read only when scoring.
 * Score: directed edges, direction, kinds, decoys, hidden sources.
 */

import path from 'node:path';
import { analyze, type Relation, type Report } from '@stemma/core';
import { generateCorpus, writeDocuments, type Family } from '@stemma/generate';
import { derivationSignal, directionSignal, kindSignal, relationScores } from '../errors.js';
import { classification, parentMap, treeFigures, treeMetrics } from '../metrics.js';
import type {
  ErrorCase,
  ErrorStory,
  EvalContext,
  EvalSet,
  EvalSetResult,
  EvalTask,
} from '../types.js';

/** Fixed seed of the generated corpus; changing it changes every figure. */
export const SYNTHETIC_SEED = 2026;
const FAMILIES = 200;
const QUICK_FAMILIES = 40;
const KINDS = ['verbatim', 'edited', 'spun', 'translated', 'paraphrase'] as const;
/** Error cases listed per task (kind, decoy, hidden source, direction, edge): one busy task does not hide the others. */
const MAX_ERRORS = 60;

/** What one batch's analysis predicted, in the terms the scoring needs. */
interface BatchResult {
  readonly families: readonly Family[];
  readonly report: Report;
}

function storyView(report: Report): Map<string, ErrorStory> {
  const out = new Map<string, ErrorStory>();
  for (const d of report.documents)
    for (const s of d.stories) out.set(s.id, { id: s.id, title: s.title, excerpt: s.excerpt });
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * Scores the batches: edges and trees (shared tree metrics), kind of every
 * true edge whose child got a parent, decoys linked, hidden sources found.
 */
export function scoreSynthetic(batches: readonly BatchResult[]): {
  tasks: EvalTask[];
  errors: ErrorCase[];
  notes: string[];
} {
  const truthParent = new Map<string, string | null>();
  const predicted: Relation[] = [];
  const observed = new Set<string>();
  const kindTruth: string[] = [];
  const kindPred: string[] = [];
  const errors: ErrorCase[] = [];
  const listed = new Map<string, number>();
  /** Room left in `task`'s list; counts the case it makes room for. */
  const room = (task: string): boolean => {
    const n = listed.get(task) ?? 0;
    if (n >= MAX_ERRORS) return false;
    listed.set(task, n + 1);
    return true;
  };
  let decoys = 0;
  let decoysLinked = 0;
  let indepPairs = 0;
  let indepFound = 0;
  let hiddenGroups = 0;
  let hiddenStrict = 0;
  let hiddenLenient = 0;
  let pagesSplitRight = 0;
  let pages = 0;
  let ancestorEdges = 0;
  let ancestorRight = 0;
  let kindRightParent = 0;
  let kindRightParentN = 0;

  for (const { families, report } of batches) {
    const stories = storyView(report);
    const incoming = new Map(report.relations.map((r) => [r.child, r]));
    const independent = new Set(report.independent.map((p) => [p.a, p.b].sort().join('\u0000')));
    predicted.push(...report.relations);
    const ancestors = new Map<string, Set<string>>();
    for (const f of families) {
      const parentOf = new Map(f.relations.map((r) => [r.child, r.parent]));
      for (const s of f.stories) {
        observed.add(s.id);
        truthParent.set(s.id, parentOf.get(s.id) ?? null);
        const anc = new Set<string>();
        for (let p = parentOf.get(s.id); p !== undefined; p = parentOf.get(p)) anc.add(p);
        ancestors.set(s.id, anc);
      }
      for (const h of f.hidden) truthParent.set(h.id, null);
      for (const d of f.documents) {
        if (d.stories.length < 2) continue;
        pages++;
        const found = report.documents.find((x) => x.id === d.name.replace(/\.[a-z]+$/, ''));
        if (found?.stories.length === d.stories.length) pagesSplitRight++;
      }
      // Kinds of true edges whose child got some parent.
      for (const t of f.relations) {
        const r = incoming.get(t.child);
        if (r === undefined) continue;
        kindTruth.push(t.kind);
        kindPred.push(r.kind);
        const parentRight = t.parent.startsWith('hidden:')
          ? r.parent.startsWith('hidden:')
          : r.parent === t.parent;
        if (parentRight) {
          kindRightParentN++;
          if (r.kind === t.kind) kindRightParent++;
        }
        if (r.kind !== t.kind && room('kind')) {
          errors.push({
            task: 'kind',
            item: `${f.id} (${f.seed})`,
            expected: `${t.parent} → ${t.child} (${t.kind})`,
            predicted: `${r.parent} → ${r.child} (${r.kind})`,
            stories: [stories.get(r.parent), stories.get(r.child)].filter(
              (s): s is ErrorStory => s !== undefined,
            ),
            scores: relationScores(r),
            evidence: r.evidence,
            signal: kindSignal(r),
          });
        }
      }
      // Decoys: never an end of a derivation edge.
      const roleOf = new Map(f.stories.map((s) => [s.id, s.role]));
      for (const s of f.stories.filter((x) => x.role === 'decoy')) {
        decoys++;
        const linked = report.relations.filter((r) => r.parent === s.id || r.child === s.id);
        if (linked.length > 0) decoysLinked++;
        for (const r of linked.slice(0, 2)) {
          if (!room('decoy linked by derivation')) break;
          errors.push({
            task: 'decoy linked by derivation',
            item: `${f.id} (${f.seed})`,
            expected: 'independent (no derivation)',
            predicted: `${r.parent} → ${r.child} (${r.kind})`,
            stories: [stories.get(r.parent), stories.get(r.child)].filter(
              (x): x is ErrorStory => x !== undefined,
            ),
            scores: relationScores(r),
            evidence: r.evidence,
            signal: derivationSignal(r),
          });
        }
      }
      for (const [a, b] of f.independent) {
        if (roleOf.get(a) !== 'original' && roleOf.get(b) !== 'original') continue;
        indepPairs++;
        if (independent.has([a, b].sort().join('\u0000'))) indepFound++;
      }
      // Hidden sources: all siblings under one predicted hidden node (strict), or at least two (lenient).
      for (const h of f.hidden) {
        hiddenGroups++;
        const parents = h.children.map((c) => incoming.get(c)?.parent ?? null);
        const hiddenParents = parents.filter(
          (p): p is string => p !== null && p.startsWith('hidden:'),
        );
        const counts = new Map<string, number>();
        for (const p of hiddenParents) counts.set(p, (counts.get(p) ?? 0) + 1);
        const most = Math.max(0, ...counts.values());
        if (most === h.children.length) hiddenStrict++;
        if (most >= 2) hiddenLenient++;
        if (most < h.children.length && room('hidden source')) {
          errors.push({
            task: 'hidden source',
            item: `${f.id} (${f.seed})`,
            expected: `${h.children.join(', ')} under one hidden source`,
            predicted: h.children.map((c, k) => `${c} ← ${parents[k] ?? 'root'}`).join('; '),
            stories: h.children
              .map((c) => stories.get(c))
              .filter((x): x is ErrorStory => x !== undefined),
            signal: 'copies not recognised as siblings of a missing source',
          });
        }
      }
    }
    // Direction along ancestry: a predicted edge between an ancestor and its descendant, pointing down?
    for (const r of report.relations) {
      const up = ancestors.get(r.child)?.has(r.parent) === true;
      const down = ancestors.get(r.parent)?.has(r.child) === true;
      if (up || down) {
        ancestorEdges++;
        if (up) ancestorRight++;
        else if (room('direction')) {
          errors.push({
            task: 'direction',
            item: r.child,
            expected: `${r.child} → ${r.parent}`,
            predicted: `${r.parent} → ${r.child} (${r.kind})`,
            stories: [stories.get(r.parent), stories.get(r.child)].filter(
              (x): x is ErrorStory => x !== undefined,
            ),
            scores: relationScores(r),
            evidence: r.evidence,
            signal: directionSignal(r),
          });
        }
      }
    }
  }

  const truthMap = new Map(truthParent);
  const predMap = parentMap(observed, predicted);
  const tree = treeMetrics({ truth: truthMap, predicted: predMap, observed });
  for (const c of observed) {
    const t = truthMap.get(c) ?? null;
    const p = predMap.get(c) ?? null;
    const tp = t !== null && !observed.has(t) ? 'hidden' : t;
    const pp = p !== null && p.startsWith('hidden:') ? 'hidden' : p;
    if (tp === pp) continue;
    if (!room('edge')) break;
    errors.push({
      task: 'edge',
      item: c,
      expected: tp === null ? 'root' : `parent ${tp}`,
      predicted: pp === null ? 'root' : `parent ${pp}`,
      stories: [],
      signal:
        p === null
          ? 'no incoming relation (not derived, or lost in the spanning tree)'
          : 'another parent chosen',
    });
  }
  const kinds = classification(kindTruth, kindPred, KINDS);
  const directionAccuracy = ancestorEdges ? ancestorRight / ancestorEdges : 0;
  const tasks: EvalTask[] = [
    {
      name: 'edges (parent → child)',
      n: tree.trueEdges,
      figures: { ...treeFigures(tree), directionAlongAncestry: directionAccuracy, ancestorEdges },
      target: {
        text: 'edge direction accuracy ≥ 95%',
        met: tree.directionAccuracy >= 0.95 && directionAccuracy >= 0.95,
      },
    },
    {
      name: 'kind of true edges (child has a parent)',
      n: kinds.n,
      accuracy: kinds.accuracy,
      macroF1: kinds.macroF1,
      classes: kinds.classes,
      confusion: kinds.confusion,
      figures: {
        accuracyWhereParentRight: kindRightParentN ? kindRightParent / kindRightParentN : 0,
        parentRight: kindRightParentN,
      },
      target: { text: 'kind accuracy ≥ 90%', met: kinds.accuracy >= 0.9 },
    },
    {
      name: 'decoys (independent reports)',
      n: decoys,
      figures: {
        linkedByDerivation: decoysLinked,
        independentRecall: indepPairs ? indepFound / indepPairs : 0,
        originalDecoyPairs: indepPairs,
      },
      target: { text: 'decoys never linked by derivation', met: decoysLinked === 0 },
    },
    {
      name: 'hidden sources (original removed)',
      n: hiddenGroups,
      accuracy: hiddenGroups ? hiddenStrict / hiddenGroups : 0,
      figures: { allSiblingsUnderOneHidden: hiddenStrict, atLeastTwoUnderOneHidden: hiddenLenient },
      target: {
        text: 'hidden-parent detection ≥ 80%',
        met: hiddenGroups > 0 && hiddenStrict / hiddenGroups >= 0.8,
      },
    },
  ];
  const notes = [
    `aggregator pages split into the generated stories: ${pagesSplitRight}/${pages}`,
    `edge direction: ${pct(tree.directionAccuracy)} of predicted edges between truly linked stories, ${pct(directionAccuracy)} of ${ancestorEdges} predicted edges between an ancestor and its descendant`,
  ];
  return { tasks, errors, notes };
}

export const synthetic: EvalSet = {
  name: 'synthetic',
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const count = ctx.quick ? QUICK_FAMILIES : FAMILIES;
    const batches = generateCorpus({ families: count, seed: SYNTHETIC_SEED });
    const tGen = performance.now();
    const families = batches.flatMap((b) => b.families);
    const docs = families.reduce((n, f) => n + f.documents.length, 0);
    ctx.log(
      `synthetic: ${count} families, ${docs} documents in ${batches.length} corpora (generated in ${((tGen - t0) / 1000).toFixed(1)} s)`,
    );
    const results: BatchResult[] = [];
    for (const [i, b] of batches.entries()) {
      const dir = path.join(ctx.workDir, 'synthetic', `batch-${String(i + 1).padStart(2, '0')}`);
      // Documents only: the truth stays in memory until scoring.
      const paths = writeDocuments(dir, b.families);
      const report = await analyze(paths);
      results.push({ families: b.families, report });
      ctx.log(`synthetic: corpus ${i + 1}/${batches.length} analysed (${paths.length} files)`);
    }
    const { tasks, errors, notes } = scoreSynthetic(results);
    const seconds = (performance.now() - t0) / 1000;
    return {
      set: 'synthetic',
      tasks,
      errors,
      notes: [
        `seed ${SYNTHETIC_SEED}, ${count} families${ctx.quick ? ' (quick)' : ''} over ${new Set(families.map((f) => f.seed)).size} originals and ${new Set(families.map((f) => f.topic)).size} topics, ${docs} documents, ${batches.length} corpora`,
        `${families.filter((f) => f.hidden.length > 0).length} families with the original removed; generation ${((tGen - t0) / 1000).toFixed(1)} s, whole set ${seconds.toFixed(0)} s`,
        ...notes,
      ],
      seconds,
    };
  },
};
