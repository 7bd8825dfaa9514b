/**
 * Assembles the report from what the stages found: the pages and their
 * stories, the lineage and the independent pairs. The last stage, pure.
 */

import { createRequire } from 'node:module';
import {
  ExtentCache,
  extentMeasures,
  extentVerdict,
  loadExtentModel,
  type Extent,
  type ExtentMeasures,
} from '../classify/index.js';
import type { Forest } from '../lineage/index.js';
import { sharedQuotations } from '../text/quotes.js';
import { words } from '../text/tokenize.js';
import { storyLabel } from './label.js';
import type { EncoderInfo, Relation, Report, SegmentedDoc, Story } from '../types.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface ReportInput {
  readonly docs: readonly SegmentedDoc[];
  /** The lineage and the independent pairs between its trees. */
  readonly forest: Forest;
  readonly encoder: EncoderInfo;
  /** Problems with single inputs that did not stop the run. */
  readonly warnings: readonly string[];
  /** Add each story's paragraphs (`stories[].paragraphs`). */
  readonly includeText?: boolean;
  /** The encoder's vocabulary (`Encoder.wordRank`): gives each story its `oov` share. */
  readonly wordRank?: (word: string) => number | undefined;
  /**
   * The relations the caller reads (every one by default): the others come
   * without their extent measures and verdict (a query reads its page's).
   */
  readonly measured?: (relation: Relation) => boolean;
}

/**
 * Builds the report `analyze` returns and `stemma analyze --format json` prints.
 * @throws never.
 */
export function buildReport(input: ReportInput): Report {
  return {
    schemaVersion: 2,
    generator: { name: 'stemma', version: pkg.version },
    encoder: input.encoder,
    documents: input.docs.map((doc) => ({
      id: doc.id,
      path: doc.path,
      title: doc.title,
      publisher: doc.publisher,
      published: doc.published,
      stories: doc.stories.map((s) => ({
        id: s.id,
        outlet: s.outlet ?? null,
        label: storyLabel(s),
        title: s.title,
        byline: s.byline,
        published: s.published,
        attribution: [...s.attribution],
        paragraphCount: s.paragraphs.length,
        excerpt: excerpt(s),
        language: s.language,
        oov: input.wordRank === undefined ? null : unknownShare(s, input.wordRank),
        ...(input.includeText ? { paragraphs: s.paragraphs.map((p) => p.text) } : {}),
      })),
    })),
    relations: withExtent(input.forest.relations, input.docs, input.measured),
    independent: input.forest.independent,
    lineage: input.forest.trees,
    hidden: input.forest.hidden,
    quotations: sharedQuotations(
      input.docs.flatMap((doc) =>
        doc.stories.map((s) => ({ id: s.id, paragraphs: s.paragraphs.map((p) => p.text) })),
      ),
    ),
    warnings: input.warnings,
  };
}

const round3 = (x: number) => Math.round(1000 * x) / 1000;

/**
 * Each relation between two corpus stories with its reuse scores and extent
 * verdict (classify/extent.ts); a hidden parent is measured through the
 * story its scores were measured against. Edges between hidden nodes, and
 * relations the caller does not read (`measured`), stay as they are.
 */
function withExtent(
  relations: readonly Relation[],
  docs: readonly SegmentedDoc[],
  measured: (relation: Relation) => boolean = () => true,
): Relation[] {
  if (relations.length === 0) return [];
  const stories = new Map(docs.flatMap((d) => d.stories.map((s) => [s.id, s] as const)));
  const model = loadExtentModel();
  const sourceOf = (r: Relation): Story | undefined =>
    measured(r)
      ? (stories.get(r.parent) ?? (r.measuredAgainst ? stories.get(r.measuredAgainst) : undefined))
      : undefined;
  // One array per text, so that the cache serves every relation a story of
  // that text stands in (a content farm's copies share a few texts);
  // released after the last relation of any story holding it (a content
  // farm's 20 000 copies were all held at once).
  const cache = new ExtentCache();
  const keyOf = new Map<string, string>();
  const key = (s: Story): string => {
    let k = keyOf.get(s.id);
    if (k === undefined) keyOf.set(s.id, (k = JSON.stringify(s.paragraphs.map((p) => p.text))));
    return k;
  };
  const uses = new Map<string, number>();
  const use = (s: Story | undefined) => {
    if (s) uses.set(key(s), (uses.get(key(s)) ?? 0) + 1);
  };
  for (const r of relations) {
    const parent = sourceOf(r);
    const child = stories.get(r.child);
    if (parent && child) {
      use(parent);
      use(child);
    }
  }
  const texts = new Map<string, string[]>();
  const textOf = (s: Story) => {
    const k = key(s);
    let t = texts.get(k);
    if (!t) texts.set(k, (t = s.paragraphs.map((p) => p.text)));
    return t;
  };
  const done = (s: Story) => {
    const k = key(s);
    const left = (uses.get(k) ?? 1) - 1;
    uses.set(k, left);
    if (left > 0) return;
    const t = texts.get(k);
    if (t) cache.release(t);
    texts.delete(k);
  };
  // The measures are a function of the two texts and the child's language:
  // a content farm's copies share a few texts, so its 20,000 relations
  // measure a few pairs of texts, each once.
  const textIds = new Map<string, number>();
  const textId = (s: Story) => {
    const k = key(s);
    let id = textIds.get(k);
    if (id === undefined) textIds.set(k, (id = textIds.size));
    return id;
  };
  const measuredPairs = new Map<
    string,
    { readonly rounded: ExtentMeasures; readonly extent: Extent; readonly pWholly: number }
  >();
  return relations.map((r) => {
    const parent = sourceOf(r);
    const child = stories.get(r.child);
    if (!parent || !child) return r;
    const pairKey = `${textId(parent)}:${textId(child)}:${child.language ?? ''}`;
    let known = measuredPairs.get(pairKey);
    if (known === undefined) {
      const m = extentMeasures(
        {
          parent: textOf(parent),
          child: textOf(child),
          language: child.language,
        },
        cache,
      );
      const { extent, pWholly } = extentVerdict(model, m);
      const rounded = Object.fromEntries(
        Object.entries(m).map(([k, v]) => [k, round3(v)]),
      ) as ExtentMeasures;
      measuredPairs.set(pairKey, (known = { rounded, extent, pWholly: round3(pWholly) }));
    }
    done(parent);
    done(child);
    const { rounded, extent, pWholly } = known;
    return { ...r, scores: { ...r.scores, ...rounded }, extent, pWholly };
  });
}

/**
 * Share of a story's words the encoder does not know, tokenised as the encoder
 * tokenises them (`words`), to three decimals; 0 for a story without words.
 */
function unknownShare(s: Story, wordRank: (word: string) => number | undefined): number {
  let all = 0;
  let unknown = 0;
  for (const p of s.paragraphs)
    for (const w of words(p.text)) {
      all++;
      if (wordRank(w) === undefined) unknown++;
    }
  return all === 0 ? 0 : Math.round((1000 * unknown) / all) / 1000;
}

/** Code points in an excerpt. */
const EXCERPT_CHARS = 200;

/**
 * The first 200 characters of a story's paragraphs joined by spaces; by code
 * points, so a cut never splits a surrogate pair. Only the paragraphs the cut
 * reaches are joined (a code point is at most two UTF-16 units): a page of
 * 100 000 paragraphs is not copied whole, nor split into characters.
 */
function excerpt(s: Story): string {
  let head = '';
  for (const [k, p] of s.paragraphs.entries()) {
    if (head.length >= 2 * EXCERPT_CHARS) break;
    head += k === 0 ? p.text : ` ${p.text}`;
  }
  return Array.from(head).slice(0, EXCERPT_CHARS).join('');
}
