import type { AnalysisResult, Relation, RelationKind, ReportDocument, Story } from '@stemma/core';

/*
 * `@stemma/tui/testing`: a large invented result for the 10,000-story test
 * and the TUI benchmark (`npm run bench -- tui`), made without running the
 * pipeline. Deterministic: the same count gives the same result.
 */

const kinds: readonly RelationKind[] = ['verbatim', 'edited', 'paraphrase', 'spun', 'translated'];
const words = [
  'storm',
  'council',
  'river',
  'market',
  'harbour',
  'school',
  'minister',
  'budget',
  'bridge',
  'festival',
  'strike',
  'court',
  'hospital',
  'rail',
  'museum',
  'election',
];

/** A small deterministic generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  /** How many stories (default 10,000). */
  readonly stories?: number;
  /** Stories per lineage tree: a root and its copies (default 5). */
  readonly treeSize?: number;
  readonly seed?: number;
}

/**
 * An invented result of `stories` stories in trees of `treeSize` (a root and
 * its direct copies, one relation each, three aligned paragraphs a copy).
 */
export function syntheticResult(options: SyntheticOptions = {}): AnalysisResult {
  const count = options.stories ?? 10_000;
  const treeSize = Math.max(1, options.treeSize ?? 5);
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

  const stories = new Map<string, Story>();
  const documents: ReportDocument[] = [];
  const relations: Relation[] = [];
  const lineage: { root: string; members: string[] }[] = [];

  for (let i = 0; i < count; i++) {
    const docId = `page-${i}`;
    const id = `${docId}#1`;
    const topic = `${pick(words)} ${pick(words)}`;
    const paragraphs = [0, 1, 2].map((p) => ({
      index: p,
      text: `Paragraph ${p + 1} of story ${i}: the ${topic} report, with ${pick(words)} and ${pick(words)} news.`,
      start: 0,
      end: 0,
    }));
    const title = `Story ${i}: ${topic}`;
    stories.set(id, {
      id,
      docId,
      title,
      byline: null,
      published: '2024-03-14',
      attribution: [],
      source: null,
      outlets: [],
      credits: [],
      names: [],
      language: 'eng',
      paragraphs,
    });
    documents.push({
      id: docId,
      path: `/synthetic/${docId}.html`,
      title,
      publisher: `Outlet ${i % 97}`,
      published: '2024-03-14',
      stories: [
        {
          id,
          title,
          byline: null,
          published: '2024-03-14',
          attribution: [],
          paragraphCount: paragraphs.length,
          excerpt: paragraphs[0]?.text.slice(0, 80) ?? '',
        },
      ],
    });
    const root = `page-${i - (i % treeSize)}#1`;
    if (i % treeSize === 0) {
      lineage.push({ root: id, members: [id] });
      continue;
    }
    lineage[lineage.length - 1]?.members.push(id);
    const semantic = 0.7 + next() * 0.3;
    const lexical = next();
    relations.push({
      parent: root,
      child: id,
      kind: pick(kinds),
      confidence: Math.round(next() * 100) / 100,
      scores: {
        semantic,
        lexical,
        coverage: 1,
        paraphrase: Math.round(next() * 100) / 100,
        rewording: semantic * (1 - lexical),
      },
      alignment: [0, 1, 2].map((p) => ({
        parentParagraph: p,
        childParagraph: p,
        semantic,
        lexical,
      })),
      evidence: ['invented for the benchmark'],
    });
  }
  return {
    report: {
      schemaVersion: 2,
      generator: { name: 'stemma', version: '0.0.0' },
      encoder: { name: 'synthetic', dimensions: 0, backend: 'cpu' },
      documents,
      relations,
      independent: [],
      lineage,
      hidden: [],
      warnings: [],
    },
    stories,
  };
}
