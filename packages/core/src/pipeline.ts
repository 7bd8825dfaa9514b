/**
 * The pipeline: every stage in order, each a function of the ones before.
 * Core returns data and emits progress events; it never prints or exits.
 */

import { storyCandidates } from './ann/index.js';
import { embedStories } from './embed/index.js';
import { ingest } from './ingest/index.js';
import { drawForest } from './lineage/index.js';
import type { AnalysisResult, PipelineOptions } from './pipeline-types.js';
import { relate, relateInput } from './relate/index.js';
import { buildReport } from './report/index.js';
import { createRunContext } from './run-context.js';
import { segmentCorpus } from './segment/index.js';
import type { Report } from './types.js';

/** Candidate partners aligned per story, strongest first, unless `maxPartners` says otherwise. */
const DEFAULT_MAX_PARTNERS = 30;

/**
 * Runs every stage in order over the given inputs (files, folders, "-" for
 * stdin, http(s) URLs).
 * @throws CoreError NO_DOCUMENTS when no input could be read; MODEL_LOAD_FAILED
 *   when a given model cannot be loaded; STRICT_WARNINGS with `strict` when
 *   reading or segmenting warned.
 */
export async function runPipeline(
  paths: readonly string[],
  options: PipelineOptions = {},
): Promise<AnalysisResult> {
  const { stage, progress, warn, failIfStrict, ...run } = createRunContext(options);
  const input = { ...options.input, onWarning: warn };

  const ingested = await stage(
    'ingest',
    paths.length,
    () => ingest(paths, input),
    (r) => r.docs.length,
  );
  failIfStrict();

  const segmentOptions = { onProgress: progress('segment') };
  const docs = await stage(
    'segment',
    ingested.docs.length,
    () => segmentCorpus(ingested.docs, segmentOptions),
    (r) => r.length,
  );
  for (const d of docs) {
    if (d.stories.length === 0)
      warn(`${d.path}: no story text found after removing boilerplate; skipped`);
  }
  failIfStrict();
  const stories = docs.flatMap((d) => d.stories);

  const paragraphs = stories.reduce((n, s) => n + s.paragraphs.length, 0);
  const embedOptions = { ...options, onNotice: run.notice, onProgress: progress('embed') };
  const embedded = await stage(
    'embed',
    paragraphs,
    () => embedStories(stories, embedOptions),
    () => paragraphs,
  );
  try {
    const maxPartners = options.maxPartners ?? DEFAULT_MAX_PARTNERS;
    const indexOptions = { maxPartners, onProgress: progress('index') };
    const candidates = await stage(
      'index',
      2 * paragraphs,
      () => storyCandidates(embedded.paragraphs, indexOptions),
      (r) => r.length,
    );

    // Lexical features of every unit count as alignment time.
    const alignOptions = { onProgress: progress('align') };
    const related = await stage(
      'align',
      candidates.length,
      () => relate(relateInput(docs, embedded, candidates), alignOptions),
      (r) => r.derived.length,
    );

    const forest = await stage(
      'lineage',
      related.derived.length,
      () => drawForest(stories, related),
      (r) => r.relations.length,
    );

    const report = buildReport({
      docs,
      forest,
      encoder: embedded.encoder.info,
      warnings: run.warnings,
      includeText: options.includeText ?? false,
    });
    return { report, stories: new Map(stories.map((s) => [s.id, s])) };
  } finally {
    embedded.encoder.dispose();
  }
}

/**
 * Analyses a corpus and returns the report the CLI prints as JSON.
 * @throws CoreError NO_DOCUMENTS when no input could be read.
 */
export async function analyze(
  paths: readonly string[],
  options: PipelineOptions = {},
): Promise<Report> {
  return (await runPipeline(paths, options)).report;
}
