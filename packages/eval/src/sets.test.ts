import { PAIR_FEATURE_NAMES, type PairFeatures, type Relation, type Report } from '@stemma/core';
import { describe, expect, it } from 'vitest';
import { viewReport } from './report-view.js';
import * as cs from './sets/clough-stevenson.js';
import * as ms from './sets/msrp.js';
import * as se from './sets/semeval2022-task8.js';

const rel = (parent: string, child: string, kind: Relation['kind'] = 'edited'): Relation => ({
  parent,
  child,
  kind,
  confidence: 0.8,
  scores: { semantic: 0.9, lexical: 0.8, coverage: 1, paraphrase: 0.18 },
  alignment: [{ parentParagraph: 0, childParagraph: 0, semantic: 0.9, lexical: 0.8 }],
  evidence: [`kind: wording mostly kept`, `for: story dates: ${parent} is earlier`],
});

/** A report over one-story documents with the given relations and independent pairs. */
function report(
  docs: string[],
  relations: Relation[],
  independent: Report['independent'] = [],
): Report {
  return {
    schemaVersion: 2,
    generator: { name: 'stemma', version: '0' },
    encoder: { name: 'test', dimensions: 1, backend: 'cpu' },
    documents: docs.map((d) => ({
      id: d,
      path: `${d}.txt`,
      title: null,
      publisher: null,
      published: null,
      stories: [
        {
          id: `${d}#1`,
          title: `title ${d}`,
          byline: null,
          published: null,
          attribution: [],
          paragraphCount: 1,
          excerpt: `text of ${d}`,
        },
      ],
    })),
    relations,
    independent,
    lineage: [],
    hidden: [],
    warnings: [],
  };
}

describe('clough-stevenson scoring', () => {
  it('maps kinds to the four classes in one place', () => {
    expect(cs.fourClass({ derived: true, kind: 'edited' }, 'cut')).toBe('cut');
    expect(cs.fourClass({ derived: true, kind: 'edited' }, 'light')).toBe('light');
    expect(cs.fourClass({ derived: true, kind: 'edited' }, 'heavy')).toBe('light');
    expect(cs.fourClass({ derived: true, kind: 'paraphrase' }, 'light')).toBe('light');
    expect(cs.fourClass({ derived: true, kind: 'paraphrase' }, 'cut')).toBe('heavy');
    expect(cs.fourClass({ derived: true, kind: 'spun' }, 'heavy')).toBe('other kind');
    expect(cs.fourClass({ derived: false, kind: null }, 'cut')).toBe('non');
    expect(cs.fourClass({ derived: true, kind: 'verbatim' }, 'non')).toBe('cut');
    expect(cs.fourClassStrict({ derived: true, kind: 'edited' })).toBe('light');
  });

  it('trigram containment counts the answer trigrams found in the source', () => {
    expect(cs.trigramContainment('a b c d', 'x a b c y')).toBe(0.5);
    expect(cs.trigramContainment('one two', 'one two three')).toBe(0);
  });

  it('tunes baseline thresholds that separate separable scores', () => {
    const items = [
      { score: 0.9, truth: 'cut' as const },
      { score: 0.8, truth: 'cut' as const },
      { score: 0.6, truth: 'light' as const },
      { score: 0.5, truth: 'light' as const },
      { score: 0.3, truth: 'heavy' as const },
      { score: 0.2, truth: 'heavy' as const },
      { score: 0.01, truth: 'non' as const },
      { score: 0, truth: 'non' as const },
    ];
    const t = cs.tuneBaseline(items);
    expect(items.map((i) => cs.baselineClass(i.score, t))).toEqual(items.map((i) => i.truth));
  });

  it('folds alternate within each task and class', () => {
    const f = cs.folds([
      { file: 'a1', task: 'a', truth: 'cut' },
      { file: 'a2', task: 'a', truth: 'cut' },
      { file: 'a3', task: 'a', truth: 'non' },
    ]);
    expect([f.get('a1'), f.get('a2'), f.get('a3')]).toEqual([0, 1, 0]);
  });

  it('reads labels, leaving the sources out', () => {
    const l = cs.readLabels('File,Task,Category\nx.txt,a,cut\norig_taska.txt,a,orig\n');
    expect([...l]).toEqual([['x.txt', 'cut']]);
  });

  it('scores hand-made predictions: accuracy, four classes, forest and error cases', () => {
    const view = viewReport(
      report(
        ['orig_taska', 'p1_taska', 'p2_taska', 'p3_taska'],
        [rel('orig_taska#1', 'p1_taska#1'), rel('p1_taska#1', 'p3_taska#1', 'paraphrase')],
      ),
    );
    const mk = (
      file: string,
      derived: boolean,
      kind: cs.CsPrediction['kind'],
      relation: Relation | null,
      sourceFirst: boolean,
      pathLength: number,
    ) => ({ file, task: 'a', derived, kind, relation, sourceFirst, pathLength });
    const preds = [
      mk('p1_taska.txt', true, 'edited', view.report.relations[0]!, true, 1),
      mk('p2_taska.txt', false, null, null, false, 0),
      mk('p3_taska.txt', true, 'paraphrase', view.report.relations[1]!, true, 2),
    ];
    const labels = new Map<string, cs.CsClass>([
      ['p1_taska.txt', 'cut'],
      ['p2_taska.txt', 'heavy'],
      ['p3_taska.txt', 'non'],
    ]);
    const baseline = new Map([
      ['p1_taska.txt', 0.9],
      ['p2_taska.txt', 0.3],
      ['p3_taska.txt', 0],
    ]);
    const out = cs.score(
      preds,
      labels,
      baseline,
      new Map([['a', view]]),
      new Map([['a', 'orig_taska.txt']]),
    );
    const [bin, four, forest] = out.tasks;
    expect(bin!.accuracy).toBeCloseTo(1 / 3, 12);
    expect(bin!.target?.met).toBe(false);
    expect(four!.confusion?.matrix).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
    // True forest: orig → p1, orig → p2; predicted: orig → p1 → p3.
    expect(forest!.figures?.['edge precision']).toBe(0.5);
    expect(forest!.figures?.['edge recall']).toBe(0.5);
    expect(out.errors.map((e) => [e.task, e.item])).toEqual([
      ['derived vs non', 'p2_taska.txt'],
      ['derived vs non', 'p3_taska.txt'],
    ]);
    expect(out.errors[1]!.signal).toMatch(/coverage 100%.*joined through 2 relations/);
  });
});

describe('msrp scoring', () => {
  it('parses the file with its byte-order mark and header', () => {
    const { pairs, labels } = ms.parseMsrp(
      '\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\tA b.\tA c.\n0\t3\t4\tX.\tY.\n',
    );
    expect(pairs).toEqual([
      { id: '1:1-2', a: 'A b.', b: 'A c.' },
      { id: '2:3-4', a: 'X.', b: 'Y.' },
    ]);
    expect([...labels.values()]).toEqual([1, 0]);
  });

  it('picks the accuracy-best threshold between scores', () => {
    const t = ms.bestThreshold([
      { score: 0.1, label: 0 },
      { score: 0.2, label: 0 },
      { score: 0.4, label: 1 },
      { score: 0.9, label: 1 },
    ]);
    expect(t).toBeCloseTo(0.3, 12);
    expect(ms.bestThreshold([{ score: 0.5, label: 1 }])).toBeLessThan(0.5);
  });

  it('chooses the threshold on the first half and reports the second', () => {
    const pairs = [0, 1, 2, 3].map((k) => ({ id: String(k), a: 'a', b: 'b' }));
    const features = Object.fromEntries(PAIR_FEATURE_NAMES.map((n) => [n, 0])) as PairFeatures;
    const s = (score: number) => ({
      semantic: score,
      lexical: score,
      lexicalOutside: score,
      paraphrase: 0,
      score,
      // The fitted model's probability, read at its own cut 0.5.
      paraphraseProbability: score,
      features,
    });
    // First half says threshold 0.5; on the second half that gets one of two right.
    const predictions = [s(0.2), s(0.8), s(0.6), s(0.7)];
    const labels = new Map<string, 0 | 1>([
      ['0', 0],
      ['1', 1],
      ['2', 0],
      ['3', 1],
    ]);
    const out = ms.score(pairs, predictions, labels);
    // Calibration on the second half: P 0.6 for a non-paraphrase, 0.7 for a
    // paraphrase, one per bin: ECE = ½·|0.6 − 0| + ½·|0.7 − 1| = 0.45.
    expect(out.tasks[0]!.name).toMatch(/calibration.*held-out half/);
    expect(out.tasks[0]!.figures?.['expected calibration error (10 bins), held out']).toBeCloseTo(
      0.45,
      12,
    );
    expect(out.tasks[0]!.target?.met).toBe(false);
    expect(out.tasks[1]!.name).toMatch(/fitted model/);
    expect(out.tasks[1]!.figures?.['threshold']).toBe(0.5);
    expect(out.tasks[1]!.accuracy).toBe(0.5);
    expect(out.tasks[2]!.name).toMatch(/pair score/);
    expect(out.tasks[2]!.figures?.['threshold']).toBeCloseTo(0.5, 12);
    expect(out.tasks[2]!.accuracy).toBe(0.5);
    expect(out.errors.map((e) => e.item)).toEqual(['2']);
    expect(out.errors[0]!.scores?.['paraphraseProbability']).toBe(0.6);
  });
});

describe('semeval2022-task8 scoring', () => {
  const jsonl = [
    { pair_id: '1_2', lang1: 'en', lang2: 'en', text1: 'one', text2: 'two', Overall: 1 },
    { pair_id: '1_3', lang1: 'en', lang2: 'en', text1: 'one', text2: 'three', Overall: 4 },
    { pair_id: '4_5', lang1: 'de', lang2: 'en', text1: 'vier', text2: 'five', Overall: 1 },
    { pair_id: '6_7', lang1: 'de', lang2: 'de', text1: 'sechs', text2: 'sieben', Overall: 2 },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');

  it('keeps same-language pairs and each article once', () => {
    const p = se.parseSemeval(jsonl);
    expect(p.pairs.map((x) => x.id)).toEqual(['1_2', '1_3', '6_7']);
    expect([...p.articles.keys()]).toEqual(['1', '2', '3', '6', '7']);
  });

  it('counts edges within pairs, independent recall and false alarms', () => {
    const p = se.parseSemeval(jsonl);
    // 1 and 2 independent; 6 → 7 derived; 3 unrelated but also named independent of 1's tree.
    const view = viewReport(
      report(
        ['1', '2', '3', '6', '7'],
        [rel('6#1', '7#1')],
        [
          { a: '1#1', b: '2#1', reason: 'same event' },
          { a: '3#1', b: '1#1', reason: 'same event (shared names: x)' },
        ],
      ),
    );
    const preds = se.predictPairs(view, p.pairs);
    expect(preds.map(se.verdict)).toEqual(['independent', 'independent', 'derived']);
    const out = se.score(p.pairs, preds, p.overall, view);
    const [edges, indep] = out.tasks;
    expect(edges!.figures?.['pairs with an edge']).toBe(1);
    expect(edges!.target?.met).toBe(false);
    expect(indep!.figures?.['recall']).toBe(0.5);
    expect(indep!.figures?.['false alarms: independent among Overall ≥ 3']).toBe(1);
    expect(indep!.confusion?.matrix).toEqual([
      [1, 0, 1],
      [1, 0, 0],
    ]);
    expect(out.errors.map((e) => e.task)).toEqual([
      'derivation edge between a pair',
      'same story not reported independent (Overall ≤ 2)',
      'different stories reported independent (Overall ≥ 3)',
    ]);
  });
});
