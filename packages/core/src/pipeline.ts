/**
 * The pipeline: every stage in order, each a function of the one before.
 * Core returns data and emits progress events; it never prints or exits.
 */

import { createRequire } from 'node:module';
import { paragraphFeatures } from './align/features.js';
import { capPartners, findCandidates } from './ann/index.js';
import { CoreError } from './errors.js';
import { createSifEncoder, createTfjsModelEncoder, type Encoder } from './embed/index.js';
import { ingest } from './ingest/index.js';
import { buildLineage } from './lineage/lineage.js';
import type { StoryFacts } from './lineage/direction.js';
import type { AnalysisResult, PipelineOptions } from './pipeline-types.js';
import { independentPairs, relate, type RelateStory } from './relate/relate.js';
import { corpusBoilerplate, segment } from './segment/index.js';
import { isStopword } from './text/stopwords.js';
import { splitSentences } from './text/sentences.js';
import { guessLanguage } from './text/language.js';
import { tokenize, words } from './text/tokenize.js';
import type { StageName } from './stages.js';
import type { PipelineEvent, Report, SegmentedDoc, Story } from './types.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

function outletKeys(...values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    const s = v
      .toLowerCase()
      .replace(/^(https?:\/\/)?(www\.)?/, '')
      .replace(/\.(com|org|net|co\.uk|info)\b.*$/, '')
      .replace(/^the\s+/, '')
      .trim();
    if (s.length >= 2) out.add(s);
  }
  return [...out];
}

/**
 * The outlet an explicit credit line names: "Sourced From: www.x.com/…",
 * "Originally published by X", "This article first appeared on X", "Source: X".
 */
function creditedOutlet(line: string): string | null {
  const m = /\b(?:sourced from|source|originally (?:published|appeared)(?: (?:by|in|on|at))?|first (?:published|appeared)(?: (?:by|in|on|at))?|republished (?:from|with permission from)|reprinted from|courtesy of)\s*:?\s*(.+)$/i.exec(line);
  if (!m) return null;
  const target = m[1]!.trim().replace(/^the\s+/i, '');
  const domain = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)\.[a-z.]+/i.exec(target);
  return (domain ? domain[1]! : target.split(/[.,;(|]/)[0]!).trim();
}

/** Names in a story: capitalised words that are not sentence starts or function words. */
function storyNames(story: Story): Set<string> {
  const names = new Set<string>();
  for (const p of story.paragraphs) {
    const tokens = tokenize(p.text);
    tokens.forEach((t, k) => {
      if (k === 0 || !/^\p{Lu}/u.test(t.text) || t.norm.length < 3 || isStopword(t.norm)) return;
      const before = p.text.slice(Math.max(0, t.start - 2), t.start);
      if (/[.!?]\s*$/.test(before)) return;
      names.add(t.norm.replace(/'s$/, ''));
    });
  }
  return names;
}

/**
 * Runs every stage in order over the given inputs (files, folders, "-" for
 * stdin, http(s) URLs).
 * @throws CoreError NO_DOCUMENTS when no input could be read; MODEL_LOAD_FAILED
 *   when a given model cannot be loaded; STRICT_WARNINGS with `strict` when
 *   reading or segmenting warned.
 */
export async function runPipeline(paths: readonly string[], options: PipelineOptions = {}): Promise<AnalysisResult> {
  const emit = (e: PipelineEvent) => options.onEvent?.(e);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    emit({ type: 'warning', message });
  };
  // Facts about the run (backend fallback, cache rebuilt) rather than problems with an input.
  const notice = (message: string) => emit({ type: 'notice', message });
  const timed = async <T>(stage: StageName, total: number, run: () => Promise<T> | T, items: (r: T) => number): Promise<T> => {
    const t0 = performance.now();
    emit({ type: 'stage-start', stage, total });
    const r = await run();
    emit({ type: 'stage-end', stage, ms: Math.round(performance.now() - t0), items: items(r) });
    return r;
  };

  // --strict: a stage that warned ends the run once it is done (all its warnings shown).
  const failIfStrict = () => {
    if (options.strict && warnings.length > 0) {
      throw new CoreError('STRICT_WARNINGS', warnings[0] ?? '', `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`);
    }
  };

  const ingested = await timed(
    'ingest',
    paths.length,
    () => ingest(paths, { ...options.input, onWarning: warn }),
    (r) => r.docs.length,
  );
  failIfStrict();
  // Lines repeated across unrelated pages of the corpus are site furniture.
  let boilerplate: ReadonlySet<string> | undefined;
  const docs: SegmentedDoc[] = await timed(
    'segment',
    ingested.docs.length,
    () =>
      ingested.docs.map((d, k) => {
        const s = segment(d, { boilerplate: (boilerplate ??= corpusBoilerplate(ingested.docs)) });
        emit({ type: 'stage-progress', stage: 'segment', done: k + 1, total: ingested.docs.length });
        if (s.stories.length === 0) warn(`${d.path}: no story text found after removing boilerplate; skipped`);
        return s;
      }),
    (r) => r.length,
  );
  failIfStrict();

  const stories: Story[] = docs.flatMap((d) => d.stories);
  const paragraphs = stories.flatMap((s) => s.paragraphs.map((p) => p.text));

  // Alignment units: the sentences of each paragraph, in story order.
  const storySentences = stories.map((s) =>
    s.paragraphs.flatMap((p) => splitSentences(p.text).map((x) => ({ text: x.text, paragraph: p.index }))),
  );
  const sentenceTexts = storySentences.flatMap((ss) => ss.map((x) => x.text));
  let sentenceVectors: Float32Array = new Float32Array(0);

  // Loading the encoder (word-vector cache, backend) counts as embedding time.
  let encoder: Encoder | undefined;
  try {
    const vectors = await timed(
      'embed',
      paragraphs.length,
      async () => {
        encoder = await (options.model
          ? createTfjsModelEncoder({ modelUrl: options.model, ...(options.backend ? { backend: options.backend } : {}), onWarning: notice })
          : createSifEncoder({
              ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
              ...(options.backend ? { backend: options.backend } : {}),
              onWarning: notice,
            }));
        // Paragraph vectors feed the index; sentence vectors the alignment.
        const total = paragraphs.length + sentenceTexts.length;
        const pv = await encoder.encode(paragraphs, {
          onProgress: (done) => emit({ type: 'stage-progress', stage: 'embed', done, total }),
        });
        sentenceVectors = await encoder.encode(sentenceTexts, {
          onProgress: (done) => emit({ type: 'stage-progress', stage: 'embed', done: paragraphs.length + done, total }),
        });
        return pv;
      },
      () => paragraphs.length,
    );
    if (!encoder) throw new Error('unreachable: encoder not created');
    const enc: Encoder = encoder;
    const d = enc.info.dimensions;

    // Paragraph rows → owning story and document, for the ANN candidates.
    const owners: { storyId: string; docId: string }[] = [];
    for (const s of stories) for (let k = 0; k < s.paragraphs.length; k++) owners.push({ storyId: s.id, docId: s.docId });
    const candidates = await timed(
      'index',
      2 * paragraphs.length,
      () =>
        capPartners(
          findCandidates(
            { vectors, dimensions: d, owners },
            { onProgress: (done, total) => emit({ type: 'stage-progress', stage: 'index', done, total }) },
          ),
          options.maxPartners ?? 30,
        ),
      (r) => r.length,
    );

    // Paragraph features (tokens, n-grams, quotations) count as alignment time.
    const relateStories = new Map<string, RelateStory>();
    const buildRelateStories = () => {
      const docById = new Map(docs.map((x) => [x.id, x]));
      let row = 0;
      let paraRow = 0;
      stories.forEach((s, k) => {
        const sentences = storySentences[k]!;
        const n = sentences.length;
        // One language per story: a single sentence is too short to tell.
        const lang = guessLanguage(s.paragraphs.flatMap((p) => words(p.text)).slice(0, 2000));
        const doc = docById.get(s.docId);
        const credits = outletKeys(...s.attribution.map(creditedOutlet));
        const facts: StoryFacts = {
          id: s.id,
          published: s.published,
          pagePublished: doc?.published ?? null,
          // A story presents itself as its publisher's, and as the outlet its
          // dateline or trailer names, unless an explicit credit line says it
          // took the text from that outlet.
          outlets: outletKeys(doc?.publisher, s.source).filter((o) => !credits.includes(o)),
          credits,
        };
        relateStories.set(s.id, {
          id: s.id,
          units: sentences.map((x) => paragraphFeatures(x.text, lang)),
          paragraphOf: sentences.map((x) => x.paragraph),
          vectors: sentenceVectors.subarray(row * d, (row + n) * d),
          dimensions: d,
          byParagraph: {
            id: s.id,
            units: s.paragraphs.map((p) => paragraphFeatures(p.text, lang)),
            vectors: vectors.subarray(paraRow * d, (paraRow + s.paragraphs.length) * d),
            dimensions: d,
          },
          facts,
          names: storyNames(s),
        });
        row += n;
        paraRow += s.paragraphs.length;
      });
    };
    const rank = enc.wordRank ? (w: string) => enc.wordRank?.(w) : undefined;
    const related = await timed(
      'align',
      candidates.length,
      () => {
        buildRelateStories();
        return relate(
          {
            stories: relateStories,
            candidates: candidates.map((c) => [c.a, c.b] as const),
            samePage: docs.flatMap((doc) =>
              doc.stories.flatMap((x, i) => doc.stories.slice(i + 1).map((y) => [x.id, y.id] as const)),
            ),
            ...(rank ? { rank } : {}),
          },
          { onProgress: (done, total) => emit({ type: 'stage-progress', stage: 'align', done, total }) },
        );
      },
      (r) => r.derived.length,
    );
    const storyIds = stories.map((s) => s.id);
    const lineage = await timed(
      'lineage',
      related.derived.length,
      () =>
        buildLineage({
          storyIds,
          pairs: related.derived,
          facts: new Map([...relateStories].map(([id, s]) => [id, s.facts])),
          sizes: new Map(stories.map((s) => [s.id, s.paragraphs.length])),
        }),
      (r) => r.relations.length,
    );
    const treeOf = new Map<string, string>();
    for (const t of lineage.trees) for (const m of t.members) treeOf.set(m, t.root);
    const independent = independentPairs(related.nonDerived, treeOf);

    const report: Report = {
      schemaVersion: 1,
      generator: { name: 'stemma', version: pkg.version },
      encoder: enc.info,
      documents: docs.map((doc) => ({
        id: doc.id,
        path: doc.path,
        title: doc.title,
        publisher: doc.publisher,
        published: doc.published,
        stories: doc.stories.map((s) => ({
          id: s.id,
          title: s.title,
          byline: s.byline,
          published: s.published,
          attribution: [...s.attribution],
          paragraphCount: s.paragraphs.length,
          excerpt: excerpt(s),
          ...(options.includeText ? { paragraphs: s.paragraphs.map((p) => p.text) } : {}),
        })),
      })),
      relations: lineage.relations,
      independent,
      lineage: lineage.trees,
      hidden: lineage.hidden,
      warnings,
    };
    return { report, stories: new Map(stories.map((s) => [s.id, s])) };
  } finally {
    encoder?.dispose();
  }
}

function excerpt(s: Story): string {
  // By code points, so a cut never splits a surrogate pair.
  return Array.from(s.paragraphs.map((p) => p.text).join(' ')).slice(0, 200).join('');
}

/**
 * Analyses a corpus and returns the report the CLI prints as JSON.
 * @throws CoreError NO_DOCUMENTS when no input could be read.
 */
export async function analyze(paths: readonly string[], options: PipelineOptions = {}): Promise<Report> {
  return (await runPipeline(paths, options)).report;
}
