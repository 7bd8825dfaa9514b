/**
 * Florilegium Coislinianum, letter B (../shared/eval/florilegium-stemma): 13
 * Greek manuscript witnesses and the editors' stemma with 8 lost exemplars.
 *
 * Predict: the 13 texts go in as one JSONL corpus (one record per witness,
 * one paragraph per passage). Stemma's segmenter drops one- to three-word
 * lines as headings, so each heading ("Μαξίμου") is joined to the passage
 * after it and the witness is read whole. The stemma is read only when scoring.
 * Score: as the set's README defines: (a) ancestry over the 156 ordered
 * pairs, (b) rooted triplets over the 272 triples the stemma resolves, plus
 * how many Stemma leaves unresolved, (c) lost exemplars by cluster.
 */

import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '@stemma/core';
import { stemmaScores } from '../metrics.js';
import type { EvalContext, EvalSet, EvalSetResult } from '../types.js';
import { treeLines, witnessTree } from './stemma-view.js';

const FOLDER = 'florilegium-stemma';

/** A witness file's passages as paragraphs, each short heading line joined to the line after it. */
export function witnessParagraphs(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const out: string[] = [];
  let heading = '';
  for (const l of lines) {
    if (l.split(/\s+/).length <= 3) heading = heading ? `${heading} ${l}` : l;
    else {
      out.push(heading ? `${heading} ${l}` : l);
      heading = '';
    }
  }
  if (heading) out.push(heading);
  return out;
}

/**
 * The stemma of `true_stemma_edges.tsv` as a parent map, with the extant nodes.
 * @throws Error when a line has not four tab-separated fields or a node has two parents.
 */
export function readStemma(tsv: string): {
  truth: Map<string, string | null>;
  extant: Set<string>;
} {
  const truth = new Map<string, string | null>();
  const extant = new Set<string>();
  for (const [k, line] of tsv.trim().split('\n').slice(1).entries()) {
    const f = line.split('\t');
    if (f.length !== 4) throw new Error(`true_stemma_edges.tsv line ${k + 2}: expected 4 fields`);
    const [parent, child, pk, ck] = f as [string, string, string, string];
    if (truth.get(child)) throw new Error(`true_stemma_edges.tsv: ${child} has two parents`);
    truth.set(child, parent);
    if (!truth.has(parent)) truth.set(parent, null);
    if (pk === 'extant') extant.add(parent);
    if (ck === 'extant') extant.add(child);
  }
  return { truth, extant };
}

export const florilegiumStemma: EvalSet = {
  name: 'florilegium-stemma',
  folder: FOLDER,
  async run(ctx: EvalContext): Promise<EvalSetResult> {
    const t0 = performance.now();
    const dir = path.join(ctx.evalDir, FOLDER);
    const files = fs
      .readdirSync(path.join(dir, 'witnesses'))
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const sigla = files.map((f) => f.slice(0, -'.txt'.length));
    const records = files.map((f, k) => {
      const paragraphs = witnessParagraphs(fs.readFileSync(path.join(dir, 'witnesses', f), 'utf8'));
      return JSON.stringify({ id: sigla[k], text: paragraphs.join('\n\n') });
    });
    const corpus = path.join(ctx.workDir, 'florilegium.jsonl');
    fs.writeFileSync(corpus, `${records.join('\n')}\n`);
    // --quick changes nothing here: 13 short texts take a few seconds.
    const report = await analyze([corpus], { includeText: true });
    const words = (ps: readonly string[] | undefined) =>
      (ps ?? []).join(' ').split(/\s+/).filter(Boolean).length;
    const kept = report.documents
      .map((d) => `${d.id} ${words(d.stories[0]?.paragraphs)}`)
      .join(', ');

    // Labels from here on.
    const { truth, extant } = readStemma(
      fs.readFileSync(path.join(dir, 'true_stemma_edges.tsv'), 'utf8'),
    );
    const { tree, notOneStory } = witnessTree(report, sigla);
    const s = stemmaScores({ truth, predicted: tree, observed: extant });
    const hidden = [...tree.keys()].filter((n) => !extant.has(n)).length;
    const seconds = (performance.now() - t0) / 1000;
    return {
      set: 'florilegium-stemma',
      tasks: [
        {
          name: '(a) ancestry (ordered extant pairs)',
          n: s.trueAncestorPairs,
          figures: {
            precision: s.ancestryPrecision,
            recall: s.ancestryRecall,
            'true pairs': s.trueAncestorPairs,
            'predicted pairs': s.predictedAncestorPairs,
          },
        },
        {
          name: '(b) rooted triplets (resolved by the stemma)',
          n: s.resolvedTriplets,
          figures: { agreement: s.resolvedTripletAgreement, 'left unresolved': s.leftUnresolved },
        },
        {
          name: '(c) lost exemplars (by cluster)',
          n: s.trueLost,
          figures: {
            recall: s.lostRecall,
            found: s.lostFound,
            precision: s.lostPrecision,
            'Stemma lost nodes': s.predictedLost,
          },
        },
      ],
      notes: [
        `13 witnesses as one JSONL corpus, headings joined to their passage; words kept per witness: ${kept}`,
        `${notOneStory.length ? `not read as one story: ${notOneStory.join(', ')}; ` : ''}Stemma's roots: ${[
          ...tree,
        ]
          .filter(([, p]) => p === null)
          .map(([n]) => n)
          .join(
            ', ',
          )} (a forest is joined under one virtual root for triplets); ${hidden} hidden nodes`,
        `Stemma's tree: ${treeLines(tree).join('; ')}`,
      ],
      seconds,
    };
  },
};
